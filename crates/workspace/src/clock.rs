//! Where the workspace's time comes from: the system's clock in the window, a clock that moves
//! only when told to in tests. Intervals (the recovery copy's, how long a file has been read)
//! are measured on it, so no test depends on how fast the machine is.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A source of the current instant; cheap to clone, and clones share one time.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// `None` for the system's clock; else the time moved by hand, in nanoseconds since `base`.
    manual: Option<(Instant, Arc<AtomicU64>)>,
}

impl Clock {
    /// The system's monotonic clock.
    pub fn system() -> Self {
        Self::default()
    }

    /// A clock that stands still until [`Clock::advance`] moves it (tests).
    pub fn manual() -> Self {
        Self {
            manual: Some((Instant::now(), Arc::new(AtomicU64::new(0)))),
        }
    }

    /// Moves a manual clock, and every clone of it, forward by `by`; the system's clock cannot
    /// be moved, and is left as it is.
    pub fn advance(&self, by: Duration) {
        if let Some((_, offset)) = &self.manual {
            let nanos = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
            offset.fetch_add(nanos, Ordering::Relaxed);
        }
    }

    /// The current instant.
    pub fn now(&self) -> Instant {
        match &self.manual {
            None => Instant::now(),
            Some((base, offset)) => *base + Duration::from_nanos(offset.load(Ordering::Relaxed)),
        }
    }

    /// How long since `earlier`, on this clock (zero if `earlier` is later).
    pub fn since(&self, earlier: Instant) -> Duration {
        self.now().saturating_duration_since(earlier)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_advanced_and_its_clones_with_it() {
        let clock = Clock::manual();
        let start = clock.now();
        let clone = clock.clone();
        assert_eq!(clone.since(start), Duration::ZERO);
        clock.advance(Duration::from_millis(1500));
        assert_eq!(clone.since(start), Duration::from_millis(1500));
        assert_eq!(clone.now(), clock.now());
    }

    #[test]
    fn the_system_clock_is_not_moved_by_hand() {
        let clock = Clock::system();
        let start = clock.now();
        clock.advance(Duration::from_hours(1));
        assert!(clock.since(start) < Duration::from_hours(1));
    }
}
