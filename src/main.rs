/// mimalloc instead of the system allocator: reading thousands of workbooks
/// allocates millions of small strings and cells (calamine's values,
/// rust_xlsxwriter's rows), and mimalloc does that with about a tenth less CPU.
/// Built with `no_thp`, so it does not ask for transparent huge pages, which
/// would double the peak memory (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Nor should the kernel hand them out unasked, as it does where the THP
    // setting is `always`. Best effort: if this fails, only memory use changes.
    #[cfg(target_os = "linux")]
    let _ = nix::sys::prctl::set_thp_disable(true);
    std::process::exit(budget_consolidator::run(std::env::args_os()));
}
