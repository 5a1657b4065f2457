//! A loopback TCP proxy in front of the portal that loses answers: for the first `drop`
//! connections it forwards the request, waits until the portal starts answering (so the
//! request was processed) and then closes the client's connection without passing the
//! answer on. Later connections pass through untouched.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub struct FlakyProxy {
    pub base: String,
    /// Connections whose answer was dropped so far.
    pub dropped: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FlakyProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FlakyProxy {
    pub async fn start(upstream: SocketAddr, drop: usize) -> FlakyProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let seen = Arc::new(AtomicUsize::new(0));
        let dropped = Arc::new(AtomicUsize::new(0));
        let counter = dropped.clone();
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let n = seen.fetch_add(1, Ordering::SeqCst);
                let counter = counter.clone();
                tokio::spawn(async move {
                    let Ok(server) = TcpStream::connect(upstream).await else {
                        return;
                    };
                    if n < drop {
                        lose_answer(client, server).await;
                        counter.fetch_add(1, Ordering::SeqCst);
                    } else {
                        pass(client, server).await;
                    }
                });
            }
        });
        FlakyProxy {
            base: format!("http://{addr}"),
            dropped,
            task,
        }
    }
}

async fn pass(mut client: TcpStream, mut server: TcpStream) {
    let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
}

async fn lose_answer(client: TcpStream, server: TcpStream) {
    let (mut client_read, client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let upload = tokio::spawn(async move {
        let _ = tokio::io::copy(&mut client_read, &mut server_write).await;
    });
    // The first bytes of the answer: the portal has done the work. Then hang up.
    let mut buf = [0_u8; 1];
    let _ = server_read.read(&mut buf).await;
    upload.abort();
    let mut client_write = client_write;
    let _ = client_write.shutdown().await;
}
