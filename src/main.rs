//! The `vanban` command.

/// The allocator is the program's choice, not the library's: mimalloc,
/// without transparent huge pages. Typst allocates and frees many
/// small objects on every worker thread. With glibc's allocator a batch's
/// peak RSS grew with the number of units (59 MB at 100, 70 MB at 3,000);
/// with this one it stays near 50 MB. Huge pages doubled the RSS and cost
/// kernel time zeroing them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(vanban::cli::main());
}
