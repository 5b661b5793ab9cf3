//! Printing for the command line. A closed pipe (`vanban kinds | head -1`)
//! is not an error: what was to be printed is dropped, quietly, and the
//! command carries on (a batch still writes its files) and exits as it
//! would have. Any other failure to print is reported once, at the end.

use std::io::{self, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
static STDERR_CLOSED: AtomicBool = AtomicBool::new(false);
/// The first failure to print other than a closed pipe (a full disk).
static FAILED: Mutex<Option<io::Error>> = Mutex::new(None);

/// Standard output or error, for `write!`: it never fails.
pub struct Quiet {
    stderr: bool,
}

pub fn stdout() -> Quiet {
    Quiet { stderr: false }
}

pub fn stderr() -> Quiet {
    Quiet { stderr: true }
}

impl Quiet {
    fn closed(&self) -> &'static AtomicBool {
        if self.stderr {
            &STDERR_CLOSED
        } else {
            &STDOUT_CLOSED
        }
    }

    fn outcome<T>(&self, result: io::Result<T>, done: T) -> io::Result<T> {
        match result {
            Ok(n) => Ok(n),
            Err(e) => {
                self.closed().store(true, Ordering::Relaxed);
                if e.kind() != io::ErrorKind::BrokenPipe {
                    FAILED
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .get_or_insert(e);
                }
                Ok(done)
            }
        }
    }
}

impl Write for Quiet {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed().load(Ordering::Relaxed) {
            return Ok(buf.len());
        }
        let result = if self.stderr {
            io::stderr().lock().write(buf)
        } else {
            io::stdout().lock().write(buf)
        };
        self.outcome(result, buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if self.closed().load(Ordering::Relaxed) {
            return Ok(());
        }
        let result = if self.stderr {
            io::stderr().lock().write_all(buf)
        } else {
            io::stdout().lock().write_all(buf)
        };
        self.outcome(result, ())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed().load(Ordering::Relaxed) {
            return Ok(());
        }
        let result = if self.stderr {
            io::stderr().flush()
        } else {
            io::stdout().flush()
        };
        self.outcome(result, ())
    }
}

/// The failure to print that is not a closed pipe, if any: taken once.
pub fn failure() -> Option<io::Error> {
    let _ = stdout().flush();
    FAILED.lock().unwrap_or_else(|e| e.into_inner()).take()
}

/// `println!` that a closed pipe does not stop.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!($crate::cli::out::stdout(), $($arg)*);
    }};
}

/// `print!` that a closed pipe does not stop.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!($crate::cli::out::stdout(), $($arg)*);
    }};
}

/// `eprintln!` that a closed pipe does not stop.
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!($crate::cli::out::stderr(), $($arg)*);
    }};
}

pub(crate) use {errln, out, outln};
