fn main() {
    std::process::exit(budget_consolidator::run(std::env::args_os()));
}
