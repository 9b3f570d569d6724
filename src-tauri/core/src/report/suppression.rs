//! Small-group suppression and the one rounding rule every percentage follows.
//!
//! **Primary**: a group with headcount below k shows its headcount only (k = 0: off).
//!
//! **Complementary**: where a total is shown and exactly one group of a dimension is
//! suppressed, the next-smallest group is suppressed too, so its numbers cannot be recovered
//! as total − the others. In a two-dimension report (A × B) every row of A and every column
//! of B is such a "dimension with a total", because `--by A` and `--by B` print those totals:
//! the rule runs on each slice (each A group across the B groups, each B group across the A
//! groups) and repeats until nothing changes, since a suppression made in a row can leave a
//! column with exactly one. Skill area is the exception: its groups overlap (an employee can
//! be trained in several areas, and each area's headcount is the whole population), so there
//! is nothing to subtract along it and the rule does not run across skill areas.
//! "Next-smallest" = the unsuppressed group with the smallest headcount; on a tie, the first
//! in report order.

use std::collections::BTreeMap;

use super::groups::{Dimension, Key};

/// One group (or pair of groups) of a report before it is labelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cell {
    pub keys: Vec<Key>,
    pub headcount: u32,
    pub trained: u32,
    pub suppressed: bool,
}

/// Whether a group of this headcount is below k.
pub(crate) fn too_small(headcount: u32, min_group: u32) -> bool {
    headcount < min_group
}

/// Why a cell is suppressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hidden {
    /// Its headcount is below k.
    Small,
    /// Complementary: it is hidden so that the cell at this index cannot be recovered by
    /// subtraction (the lone suppressed cell of a slice when this one was picked).
    Protects(usize),
}

/// Marks the cells (in report order) to suppress, primary then complementary, and returns
/// why each one is hidden (index-aligned with `cells`; None where shown).
pub(crate) fn suppress(
    cells: &mut [Cell],
    dims: &[Dimension],
    min_group: u32,
) -> Vec<Option<Hidden>> {
    let mut why: Vec<Option<Hidden>> = Vec::with_capacity(cells.len());
    for cell in cells.iter_mut() {
        cell.suppressed = too_small(cell.headcount, min_group);
        why.push(cell.suppressed.then_some(Hidden::Small));
    }
    loop {
        let mut changed = false;
        for (axis, dim) in dims.iter().enumerate() {
            if !dim.partitions() {
                continue;
            }
            // The slices along `axis`: cells that agree on every other dimension.
            let mut slices: BTreeMap<Vec<Key>, Vec<usize>> = BTreeMap::new();
            for (index, cell) in cells.iter().enumerate() {
                let rest: Vec<Key> = cell
                    .keys
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != axis)
                    .map(|(_, k)| k.clone())
                    .collect();
                slices.entry(rest).or_default().push(index);
            }
            for members in slices.values() {
                let mut hidden = members.iter().copied().filter(|&i| cells[i].suppressed);
                let (Some(lone), None) = (hidden.next(), hidden.next()) else {
                    continue;
                };
                let next = members
                    .iter()
                    .copied()
                    .filter(|&i| !cells[i].suppressed)
                    .min_by_key(|&i| (cells[i].headcount, i));
                if let Some(i) = next {
                    cells[i].suppressed = true;
                    why[i] = Some(Hidden::Protects(lone));
                    changed = true;
                }
            }
        }
        if !changed {
            return why;
        }
    }
}

/// Coverage in tenths of a percent, rounded half up: 100 × trained / headcount to one decimal,
/// in integers so 1/16 = 6.25 gives 6.3 on every platform. None for an empty group.
pub(crate) fn tenths(trained: u32, headcount: u32) -> Option<i64> {
    if headcount == 0 {
        return None;
    }
    let (t, h) = (u64::from(trained), u64::from(headcount));
    i64::try_from((2000 * t + h) / (2 * h)).ok()
}

/// Tenths of a percent (or point) as the number shown: 473 → 47.3.
pub(crate) fn from_tenths(tenths: i64) -> f64 {
    tenths as f64 / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(keys: &[&str], headcount: u32) -> Cell {
        Cell {
            keys: keys.iter().map(|k| Key::Text((*k).into())).collect(),
            headcount,
            trained: 0,
            suppressed: false,
        }
    }

    fn hidden(cells: &[Cell]) -> Vec<String> {
        cells
            .iter()
            .filter(|c| c.suppressed)
            .map(|c| {
                c.keys
                    .iter()
                    .map(|k| k.label(Dimension::Role))
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect()
    }

    #[test]
    fn rounding_is_half_up_to_one_decimal() {
        assert_eq!(tenths(1, 3), Some(333));
        assert_eq!(tenths(2, 3), Some(667));
        assert_eq!(tenths(1, 16), Some(63)); // 6.25 → 6.3
        assert_eq!(tenths(1, 80), Some(13)); // 1.25 → 1.3
        assert_eq!(tenths(0, 7), Some(0));
        assert_eq!(tenths(7, 7), Some(1000));
        assert_eq!(tenths(0, 0), None);
        assert_eq!(from_tenths(473), 47.3);
    }

    #[test]
    fn one_dimension_lone_suppression_takes_the_next_smallest() {
        let mut cells = vec![
            cell(&["A"], 10),
            cell(&["B"], 6),
            cell(&["C"], 3),
            cell(&["D"], 6),
        ];
        suppress(&mut cells, &[Dimension::Role], 5);
        // C is small; B and D tie at 6: the first in order goes.
        assert_eq!(hidden(&cells), vec!["B", "C"]);
    }

    #[test]
    fn two_small_groups_protect_each_other_and_k_zero_is_off() {
        let mut cells = vec![cell(&["A"], 10), cell(&["B"], 4), cell(&["C"], 3)];
        suppress(&mut cells, &[Dimension::Role], 5);
        assert_eq!(hidden(&cells), vec!["B", "C"]);
        suppress(&mut cells, &[Dimension::Role], 0);
        assert!(hidden(&cells).is_empty());
    }

    #[test]
    fn two_dimensions_run_to_a_fixed_point_over_rows_and_columns() {
        // Rows x, y; columns p, q, r. Only x/p is small.
        //        p   q   r
        //   x    2   9   7
        //   y    8   6  20
        let mut cells = vec![
            cell(&["x", "p"], 2),
            cell(&["x", "q"], 9),
            cell(&["x", "r"], 7),
            cell(&["y", "p"], 8),
            cell(&["y", "q"], 6),
            cell(&["y", "r"], 20),
        ];
        suppress(&mut cells, &[Dimension::Role, Dimension::Department], 5);
        // Column p has one (x/p): y/p goes. Row x has one (x/p): x/r (7 < 9) goes. Now row y
        // has one (y/p): y/q (6) goes; column r has one (x/r): y/r goes; column q has one
        // (y/q): x/q goes. Every row and column now hides two or more.
        assert_eq!(
            hidden(&cells),
            vec!["x/p", "x/q", "x/r", "y/p", "y/q", "y/r"]
        );
    }

    #[test]
    fn two_dimensions_stop_when_every_slice_hides_two() {
        //        p   q   r
        //   x    2   3   9
        //   y    8   9  20
        let mut cells = vec![
            cell(&["x", "p"], 2),
            cell(&["x", "q"], 3),
            cell(&["x", "r"], 9),
            cell(&["y", "p"], 8),
            cell(&["y", "q"], 9),
            cell(&["y", "r"], 20),
        ];
        suppress(&mut cells, &[Dimension::Role, Dimension::Department], 5);
        // Row x hides two already; columns p and q hide one each: y/p and y/q go; row y now
        // hides two; done.
        assert_eq!(hidden(&cells), vec!["x/p", "x/q", "y/p", "y/q"]);
    }

    #[test]
    fn skill_areas_overlap_so_no_complement_across_them() {
        // generation × skill area: a generation of 3 hides its row (every area), and the
        // column rule (across generations, which do partition) hides the next-smallest
        // generation in each area; nothing is hidden across areas.
        let mut cells = vec![
            cell(&["g1", "a1"], 3),
            cell(&["g1", "a2"], 3),
            cell(&["g2", "a1"], 7),
            cell(&["g2", "a2"], 7),
            cell(&["g3", "a1"], 30),
            cell(&["g3", "a2"], 30),
        ];
        suppress(
            &mut cells,
            &[Dimension::Generation, Dimension::SkillArea],
            5,
        );
        assert_eq!(hidden(&cells), vec!["g1/a1", "g1/a2", "g2/a1", "g2/a2"]);
        let mut alone = vec![cell(&["a1"], 3), cell(&["a2"], 3)];
        suppress(&mut alone, &[Dimension::SkillArea], 5);
        assert_eq!(hidden(&alone), vec!["a1", "a2"]);
        let mut big = vec![cell(&["a1"], 30), cell(&["a2"], 30)];
        suppress(&mut big, &[Dimension::SkillArea], 5);
        assert!(hidden(&big).is_empty());
    }
}
