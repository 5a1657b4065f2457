//! Outgoing mail: SMTP through lettre, or .eml files in a folder when no SMTP server is
//! configured (so a fresh checkout works with nothing else running). Mail is queued in the
//! outbox table and delivered by [`worker::run`].

pub mod armed;
pub mod templates;
pub mod worker;

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::MailSettings;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid address {0}")]
    Address(String),
    #[error("mail could not be built: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("mail folder: {0}")]
    File(#[from] lettre::transport::file::Error),
    #[error("mail folder: {0}")]
    Io(#[from] std::io::Error),
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(AsyncFileTransport<Tokio1Executor>),
}

pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

impl Mailer {
    pub fn new(settings: &MailSettings) -> Result<Mailer, MailError> {
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|_| MailError::Address(settings.from.clone()))?;
        let transport = match &settings.smtp_url {
            Some(url) => {
                Transport::Smtp(AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.build())
            }
            None => {
                std::fs::create_dir_all(&settings.folder)?;
                Transport::Folder(AsyncFileTransport::new(&settings.folder))
            }
        };
        Ok(Mailer { transport, from })
    }

    /// Sends one plain-text message. lettre encodes the Japanese subject (RFC 2047) and
    /// picks a transfer encoding for the UTF-8 body.
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), MailError> {
        let to: Mailbox = to.parse().map_err(|_| MailError::Address(to.to_owned()))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_owned())?;
        match &self.transport {
            Transport::Smtp(t) => {
                t.send(message).await?;
            }
            Transport::Folder(t) => {
                t.send(message).await?;
            }
        }
        Ok(())
    }
}
