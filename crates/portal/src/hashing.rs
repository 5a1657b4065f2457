//! Password hashing (argon2id) on threads of its own: one per core, each keeping its
//! 19 MiB of argon2 memory from one hash to the next.
//!
//! Why not tokio's blocking pool behind a semaphore, as before: between two hashes a core
//! sat idle while the finished task woke an async worker, gave back its permit and the next
//! task was handed to a blocking thread; and every hash allocated and zeroed 19 MiB afresh
//! (a tenth of its time). Here a thread that finishes takes the next queued job at once,
//! into memory it already has (bench/portal.sh: registrations and logins against the
//! machine's argon2id limit).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};

use argon2::{Argon2, Block, Params, PasswordHash};
use password_hash::{Output, ParamsString, Salt, SaltString};

/// What a hashing thread runs: the job gets the thread's argon2 memory.
type Job = Box<dyn FnOnce(&mut Memory) + Send>;

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing failed: {0}")]
    Argon2(String),
    #[error("the hashing threads are gone")]
    Lost,
}

impl From<argon2::Error> for HashError {
    fn from(e: argon2::Error) -> Self {
        HashError::Argon2(e.to_string())
    }
}

impl From<password_hash::Error> for HashError {
    fn from(e: password_hash::Error) -> Self {
        HashError::Argon2(e.to_string())
    }
}

/// One thread's argon2 memory, grown (and kept) when a stored hash asks for more.
pub struct Memory(Vec<Block>);

impl Memory {
    /// Fills `out` with argon2's output for `password` and `salt`, in this memory.
    fn derive(
        &mut self,
        argon2: &Argon2<'_>,
        password: &[u8],
        salt: Salt<'_>,
        out: &mut [u8],
    ) -> Result<(), HashError> {
        let needed = argon2.params().block_count();
        if self.0.len() < needed {
            self.0.resize(needed, Block::default());
        }
        let mut salt_bytes = [0u8; 64];
        let salt_bytes = salt.decode_b64(&mut salt_bytes)?;
        argon2.hash_password_into_with_memory(password, salt_bytes, out, &mut self.0[..needed])?;
        Ok(())
    }
}

/// argon2id v19, m = 19 MiB, t = 2, p = 1: the crate's defaults are OWASP's recommendation.
fn argon2() -> Argon2<'static> {
    Argon2::default()
}

fn queue() -> &'static Sender<Job> {
    static QUEUE: OnceLock<Sender<Job>> = OnceLock::new();
    QUEUE.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1);
        for n in 0..threads {
            let rx = rx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || work(&rx));
            if let Err(e) = spawned {
                tracing::error!(error = %e, "a password hashing thread could not start");
            }
        }
        tx
    })
}

/// A hashing thread: at most one hash per core at a time, as each needs 19 MiB; more at
/// once would only thrash the caches without finishing sooner.
fn work(rx: &Mutex<Receiver<Job>>) {
    let mut memory = Memory(vec![Block::default(); argon2().params().block_count()]);
    loop {
        // The lock is held only while waiting for a job, not while hashing.
        let job = match rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(job) = job else { return };
        // A panicking job loses its own answer (its caller gets `Lost`), not the thread.
        if catch_unwind(AssertUnwindSafe(|| job(&mut memory))).is_err() {
            tracing::error!("a password hashing job panicked");
        }
    }
}

/// Runs `f` on a hashing thread, and waits for it without holding up the async workers.
async fn on_hashing_thread<T: Send + 'static>(
    f: impl FnOnce(&mut Memory) -> Result<T, HashError> + Send + 'static,
) -> Result<T, HashError> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move |memory| {
        let _ = tx.send(f(memory));
    });
    queue().send(job).map_err(|_| HashError::Lost)?;
    rx.await.map_err(|_| HashError::Lost)?
}

/// The PHC string of `password` under a new random salt.
pub async fn hash(password: String) -> Result<String, HashError> {
    on_hashing_thread(move |memory| {
        let argon2 = argon2();
        let salt = SaltString::generate(&mut password_hash::rand_core::OsRng);
        let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
        memory.derive(&argon2, password.as_bytes(), salt.as_salt(), &mut out)?;
        let phc = PasswordHash {
            algorithm: argon2::ARGON2ID_IDENT,
            version: Some(argon2::Version::V0x13.into()),
            params: ParamsString::try_from(argon2.params())?,
            salt: Some(salt.as_salt()),
            hash: Some(Output::new(&out)?),
        };
        Ok(phc.to_string())
    })
    .await
}

/// True when `password` gives `phc` (its own algorithm, version, parameters and salt).
pub async fn verify(password: String, phc: String) -> Result<bool, HashError> {
    on_hashing_thread(move |memory| {
        let parsed = PasswordHash::new(&phc)?;
        let expected = parsed
            .hash
            .ok_or_else(|| HashError::Argon2("the stored hash has no output".into()))?;
        let algorithm = argon2::Algorithm::try_from(parsed.algorithm)?;
        let version = parsed
            .version
            .map(argon2::Version::try_from)
            .transpose()?
            .unwrap_or_default();
        let params = Params::try_from(&parsed)?;
        let salt = parsed
            .salt
            .ok_or_else(|| HashError::Argon2("the stored hash has no salt".into()))?;
        let mut out = vec![0u8; expected.len()];
        let argon2 = Argon2::new(algorithm, version, params);
        memory.derive(&argon2, password.as_bytes(), salt, &mut out)?;
        // `Output`'s equality is constant-time.
        Ok(Output::new(&out)? == expected)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::{PasswordHasher, PasswordVerifier};

    #[tokio::test]
    async fn hashes_are_the_argon2_crates_own_phc_strings() {
        let phc = hash("Passw0rdX".into()).await.expect("hash");
        let parsed = PasswordHash::new(&phc).expect("a PHC string");
        // The crate itself accepts ours…
        assert!(argon2().verify_password(b"Passw0rdX", &parsed).is_ok());
        assert!(argon2().verify_password(b"Passw0rdY", &parsed).is_err());
        // …and ours accepts the crate's, including other parameters than ours (more memory
        // than a thread has: it grows).
        let salt = SaltString::generate(&mut password_hash::rand_core::OsRng);
        let params = Params::new(24_576, 3, 1, None).expect("params");
        let other = Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
            .hash_password(b"Passw0rdX", &salt)
            .expect("hash")
            .to_string();
        assert!(verify("Passw0rdX".into(), other.clone())
            .await
            .expect("verify"));
        assert!(!verify("Passw0rdY".into(), other).await.expect("verify"));
    }

    #[tokio::test]
    async fn a_damaged_stored_hash_is_an_error_not_a_match() {
        let err = verify("Passw0rdX".into(), "$argon2id$v=19$m=19456".into()).await;
        assert!(matches!(err, Err(HashError::Argon2(_))), "{err:?}");
    }

    #[tokio::test]
    async fn many_at_once_all_get_their_own_answer() {
        let jobs: Vec<_> = (0..6)
            .map(|n| tokio::spawn(hash(format!("Passw0rd{n}"))))
            .collect();
        for (n, job) in jobs.into_iter().enumerate() {
            let phc = job.await.expect("joined").expect("hash");
            assert!(verify(format!("Passw0rd{n}"), phc.clone())
                .await
                .expect("verify"));
            assert!(!verify(format!("Passw0rd{}", n + 1), phc)
                .await
                .expect("verify"));
        }
    }
}
