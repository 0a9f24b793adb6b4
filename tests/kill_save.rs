//! Saving is atomic under SIGKILL: a child process saves a large file again and again and is
//! killed at random moments, 100 times; the file always loads and equals one whole version.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use marginalia_core::{AnnotationId, Document, Edit};
use marginalia_fixtures::{self as fixtures, Rng};
use marginalia_io::format;

/// Version `n` of the document the child saves: the medium fixture, with `n` in the annotator
/// and in a note, so that each version's bytes differ and can be rebuilt from the file.
fn version(base: &Document, n: u64) -> Document {
    let mut doc = base.clone();
    doc.annotator = format!("version {n}");
    let _ = doc.apply(Edit::SetNote {
        id: AnnotationId(1),
        note: format!("saved as version {n}"),
    });
    doc
}

/// The child: saves versions N, N+1, … of the file named by the environment until killed.
/// Run only by the parent test below.
#[test]
#[ignore = "run as a child process by saves_survive_kill_9"]
fn save_again_and_again() {
    let Some(path) = std::env::var_os("MARGINALIA_SAVE_LOOP") else {
        return;
    };
    let first: u64 = std::env::var("MARGINALIA_SAVE_FROM")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let base = fixtures::medium();
    for n in first.. {
        if let Err(error) = format::save(&version(&base, n), Path::new(&path)) {
            panic!("save failed: {error}");
        }
    }
}

#[test]
fn saves_survive_kill_9() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("large.ron");
    let base = fixtures::medium();
    format::save(&version(&base, 0), &path).unwrap_or_else(|e| panic!("{e}"));
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let mut rng = Rng::new(2026);
    let mut seen = std::collections::BTreeSet::new();
    for round in 0..100u64 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "save_again_and_again",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("MARGINALIA_SAVE_LOOP", &path)
            .env("MARGINALIA_SAVE_FROM", (round * 1000 + 1).to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        std::thread::sleep(Duration::from_millis(30 + rng.below(250) as u64));
        child.kill().unwrap_or_else(|e| panic!("{e}"));
        let _ = child.wait();

        let doc = format::load(&path)
            .unwrap_or_else(|e| panic!("round {round}: the file does not load: {e}"));
        let n: u64 = doc
            .annotator
            .strip_prefix("version ")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("round {round}: unexpected annotator {:?}", doc.annotator));
        let expected = format::to_ron_string(&version(&base, n)).unwrap_or_else(|e| panic!("{e}"));
        let actual = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            actual == expected,
            "round {round}: the file is not whole version {n}"
        );
        seen.insert(n);
    }
    assert!(
        seen.len() > 10,
        "the child saved many versions between kills: {seen:?}"
    );
}
