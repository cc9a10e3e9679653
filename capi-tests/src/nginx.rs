//! A private nginx on 127.0.0.1 for load tests: its own configuration (never the system's),
//! in the foreground, sized for thousands of connections, serving files from its own
//! world-readable document root. Stopped when dropped.

use std::fs;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{missing, which};

static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

pub struct Nginx {
    child: Child,
    dir: PathBuf,
    port: u16,
}

impl Nginx {
    /// Starts nginx serving `files` (name, content). `None` when nginx is not installed
    /// (a failure under `CI=true`, see [`missing`]).
    pub fn start(files: &[(&str, Vec<u8>)]) -> Option<Nginx> {
        Nginx::start_with(files, 100_000, "")
    }

    /// Like [`Nginx::start`], closing connections after `keepalive_requests` requests, with
    /// `extra` added to the `http` block (gzip, say).
    pub fn start_with(
        files: &[(&str, Vec<u8>)],
        keepalive_requests: u32,
        extra: &str,
    ) -> Option<Nginx> {
        let Some(bin) = which("nginx").or_else(|| {
            let sbin = Path::new("/usr/sbin/nginx");
            sbin.is_file().then(|| sbin.to_path_buf())
        }) else {
            missing("nginx");
            return None;
        };
        raise_open_file_limit();
        let dir = std::env::temp_dir().join(format!(
            "rcurl-nginx-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        let www = dir.join("www");
        fs::create_dir_all(www.join("logs")).expect("nginx directory");
        fs::create_dir_all(dir.join("logs")).expect("nginx log directory");
        for (name, content) in files {
            fs::write(www.join(name), content).expect("nginx file");
        }
        // Workers may run as another user: everything they read is world-readable.
        for p in [&dir, &www] {
            set_mode(p, 0o755);
        }
        for _ in 0..5 {
            let port = free_port();
            let conf = dir.join("nginx.conf");
            let user = if is_root() { "user root;" } else { "" };
            fs::write(
                &conf,
                format!(
                    "{user}\ndaemon off;\nmaster_process on;\nworker_processes 1;\n\
                     worker_rlimit_nofile 8192;\npid {d}/nginx.pid;\n\
                     error_log {d}/logs/error.log warn;\n\
                     events {{ worker_connections 4096; }}\n\
                     http {{\n  access_log off;\n  keepalive_requests {keepalive_requests};\n  {extra}\n\
                     keepalive_timeout 75s;\n  default_type application/octet-stream;\n\
                     client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
                     fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n\
                     scgi_temp_path {d}/scgi;\n\
                     server {{ listen 127.0.0.1:{port}; root {d}/www; location / {{ }} }}\n}}\n",
                    d = dir.display()
                ),
            )
            .expect("nginx.conf");
            let mut child = Command::new(&bin)
                .arg("-p")
                .arg(&dir)
                .arg("-c")
                .arg(&conf)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("nginx starts");
            let until = Instant::now() + Duration::from_secs(5);
            while Instant::now() < until {
                if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    return Some(Nginx { child, dir, port });
                }
                if child.try_wait().ok().flatten().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            // Most likely the port was taken in between: another one.
            let _ = child.kill();
            let _ = child.wait();
        }
        let log = fs::read_to_string(dir.join("logs/error.log")).unwrap_or_default();
        let _ = fs::remove_dir_all(&dir);
        panic!("nginx did not start: {log}");
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.port, path)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn is_root() -> bool {
    // SAFETY: geteuid takes no arguments and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    let _ = fs::set_permissions(p, fs::Permissions::from_mode(mode));
}

/// Load tests open thousands of sockets: the soft limit goes up to the hard one (the
/// programs the tests start inherit it).
pub fn raise_open_file_limit() {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit with a valid rlimit struct.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 && lim.rlim_cur < lim.rlim_max {
            lim.rlim_cur = lim.rlim_max.min(65536);
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
        }
    }
}
