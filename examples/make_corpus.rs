//! Writes a synthetic corpus for benchmarks and scale tests: `N` filled area
//! templates of `R` initiatives each, and `DIR.expected.json` beside the folder with
//! the totals a correct consolidation must give. See `benches/corpus.rs`.
//!
//! Run: `cargo run --release --example make_corpus -- N R DIR`

#[path = "../benches/corpus.rs"]
mod corpus;

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (n, r, dir) = match args.as_slice() {
        [_, n, r, dir] => (n.parse::<usize>()?, r.parse::<usize>()?, PathBuf::from(dir)),
        _ => return Err("usage: make_corpus N R DIR".into()),
    };
    corpus::write_corpus(n, r, &dir)?;
    println!(
        "Wrote {n} templates of {r} initiatives to {}",
        dir.display()
    );
    Ok(())
}
