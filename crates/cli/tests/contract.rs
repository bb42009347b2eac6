use std::process::Command;

/// The command-line contract users' scripts rely on (`../shared/checks/contract.py`), run against
/// this build's binary when the shared folder and python3 are present.
#[test]
fn command_line_contract_holds() {
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/checks/contract.py");
    if !script.exists() {
        eprintln!("skipped: {} not found", script.display());
        return;
    }
    let out = match Command::new("python3")
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_sitrep"))
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            eprintln!("skipped: python3 not available ({e})");
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "contract broken:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!stdout.contains("FAIL"), "{stdout}");
}
