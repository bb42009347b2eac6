//! The lexicon files as data: the checker accepts them and the generated block of the English
//! triggers is what its script derives from the hand-written rows. Runs the repository's own
//! Python scripts (standard library only; CI installs python3).

use std::path::PathBuf;
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(script: &str, args: &[&str]) {
    let out = Command::new("python3")
        .arg(repo().join(script))
        .args(args)
        .output()
        .expect("python3 runs (CI installs it)");
    assert!(
        out.status.success(),
        "{script} {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_trigger_and_cue_files_pass_their_checker() {
    run("data/lexicon/check_triggers.py", &[]);
}

#[test]
fn the_derived_modal_forms_are_up_to_date() {
    run("data/lexicon/derive_modal_forms.py", &["--check"]);
}
