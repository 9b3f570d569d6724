//! `--pool-small`: a dimension's groups below k pooled into one "Other (N roles, M people)"
//! group before suppression, so a long tail of tiny groups reads as one row that can be shown
//! once it reaches k.
//!
//! Invariants:
//! - Only dimensions whose groups partition the population are pooled (not skill areas, which
//!   overlap); a group is tiny when its whole headcount along that dimension (its row total in
//!   a two-dimension report) is below k.
//! - At least two tiny groups are needed: one group alone would be "Other (1 role, ...)",
//!   which names nothing new and hides nothing.
//! - The pooled cells are summed; suppression then runs unchanged over the result, so the
//!   Other group is hidden while below k and the complementary rule protects it like any other.

use std::collections::BTreeMap;

use super::groups::{Dimension, Key};
use super::suppression::{too_small, Cell};

/// The cells with each dimension's tiny groups pooled, in report order.
pub(crate) fn pool_small(cells: Vec<Cell>, dims: &[Dimension], min_group: u32) -> Vec<Cell> {
    let mut pooled_keys: Vec<BTreeMap<Key, Key>> = Vec::with_capacity(dims.len());
    for (axis, dim) in dims.iter().enumerate() {
        let into = if dim.partitions() {
            pooled(margins(&cells, dims, axis), min_group)
                .into_iter()
                .collect()
        } else {
            BTreeMap::new()
        };
        pooled_keys.push(into);
    }
    if pooled_keys.iter().all(BTreeMap::is_empty) {
        return cells;
    }
    let mut out: BTreeMap<Vec<Key>, Cell> = BTreeMap::new();
    for cell in cells {
        let keys: Vec<Key> = cell
            .keys
            .iter()
            .zip(&pooled_keys)
            .map(|(key, into)| into.get(key).unwrap_or(key).clone())
            .collect();
        let sum = out.entry(keys.clone()).or_insert_with(|| Cell {
            keys,
            headcount: 0,
            trained: 0,
            suppressed: false,
        });
        sum.headcount += cell.headcount;
        sum.trained += cell.trained;
    }
    out.into_values().collect()
}

/// The groups (each with its people along one partitioning dimension) that go into the "Other"
/// group, each with that group's key: those below `min_group`, if there are two or more of them;
/// none otherwise. The one rule for every report that pools.
pub(crate) fn pooled<G>(
    groups: impl IntoIterator<Item = (G, u32)>,
    min_group: u32,
) -> Vec<(G, Key)> {
    let tiny: Vec<(G, u32)> = groups
        .into_iter()
        .filter(|(_, people)| too_small(*people, min_group))
        .collect();
    if tiny.len() < 2 {
        return Vec::new();
    }
    let other = Key::Other {
        groups: u32::try_from(tiny.len()).unwrap_or(u32::MAX),
        people: tiny.iter().map(|(_, people)| people).sum(),
    };
    tiny.into_iter()
        .map(|(group, _)| (group, other.clone()))
        .collect()
}

/// Each group's headcount along `axis`: its cells summed over the other partitioning
/// dimensions. Along an overlapping dimension (skill area) every cell carries the group's
/// whole headcount, so one of its groups (the first) is counted, not all.
fn margins(cells: &[Cell], dims: &[Dimension], axis: usize) -> BTreeMap<Key, u32> {
    let firsts: Vec<Option<&Key>> = dims
        .iter()
        .enumerate()
        .map(|(i, dim)| {
            if i == axis || dim.partitions() {
                None
            } else {
                cells.iter().map(|c| &c.keys[i]).min()
            }
        })
        .collect();
    let mut out: BTreeMap<Key, u32> = BTreeMap::new();
    for cell in cells {
        let counted = firsts
            .iter()
            .zip(&cell.keys)
            .all(|(first, key)| first.is_none_or(|f| f == key));
        if counted {
            *out.entry(cell.keys[axis].clone()).or_default() += cell.headcount;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::suppression::suppress;

    fn cell(keys: &[&str], headcount: u32, trained: u32) -> Cell {
        Cell {
            keys: keys.iter().map(|k| Key::Text((*k).into())).collect(),
            headcount,
            trained,
            suppressed: false,
        }
    }

    fn labels(cells: &[Cell], dims: &[Dimension]) -> Vec<String> {
        cells
            .iter()
            .map(|c| {
                c.keys
                    .iter()
                    .zip(dims)
                    .map(|(k, d)| k.label(*d))
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect()
    }

    #[test]
    fn tiny_groups_become_one_other_row_that_shows_once_it_reaches_k() {
        let dims = [Dimension::Role];
        let cells = vec![
            cell(&["Analyst"], 20, 5),
            cell(&["CEO"], 1, 1),
            cell(&["Driver"], 3, 0),
            cell(&["Engineer"], 9, 4),
            cell(&["Lawyer"], 2, 1),
        ];
        let mut pooled = pool_small(cells, &dims, 5);
        assert_eq!(
            labels(&pooled, &dims),
            vec!["Analyst", "Engineer", "Other (3 roles, 6 people)"]
        );
        assert_eq!((pooled[2].headcount, pooled[2].trained), (6, 2));
        suppress(&mut pooled, &dims, 5);
        assert!(pooled.iter().all(|c| !c.suppressed));
    }

    #[test]
    fn a_pool_below_k_is_hidden_and_protected_by_the_complement() {
        let dims = [Dimension::Department];
        let cells = vec![
            cell(&["A"], 20, 5),
            cell(&["B"], 1, 1),
            cell(&["C"], 2, 0),
            cell(&["D"], 8, 4),
        ];
        let mut pooled = pool_small(cells, &dims, 5);
        assert_eq!(
            labels(&pooled, &dims),
            vec!["A", "D", "Other (2 departments, 3 people)"]
        );
        suppress(&mut pooled, &dims, 5);
        let hidden: Vec<bool> = pooled.iter().map(|c| c.suppressed).collect();
        assert_eq!(hidden, vec![false, true, true], "D (8) protects the pool");
    }

    #[test]
    fn one_tiny_group_or_k_zero_pools_nothing() {
        let dims = [Dimension::Location];
        let cells = vec![cell(&["A"], 20, 5), cell(&["B"], 1, 1), cell(&["C"], 9, 0)];
        assert_eq!(pool_small(cells.clone(), &dims, 5), cells);
        let tiny = vec![cell(&["A"], 1, 1), cell(&["B"], 1, 0)];
        assert_eq!(pool_small(tiny.clone(), &dims, 0), tiny);
    }

    #[test]
    fn two_dimensions_pool_by_the_row_total_and_skill_areas_are_not_pooled() {
        let dims = [Dimension::Role, Dimension::SkillArea];
        // Each role's cells carry the role's whole headcount in every area.
        let cells = vec![
            cell(&["Analyst", "ML"], 20, 5),
            cell(&["Analyst", "NLP"], 20, 2),
            cell(&["CEO", "ML"], 1, 1),
            cell(&["CEO", "NLP"], 1, 0),
            cell(&["Driver", "ML"], 3, 0),
            cell(&["Driver", "NLP"], 3, 3),
        ];
        let pooled = pool_small(cells, &dims, 5);
        assert_eq!(
            labels(&pooled, &dims),
            vec![
                "Analyst/ML",
                "Analyst/NLP",
                "Other (2 roles, 4 people)/ML",
                "Other (2 roles, 4 people)/NLP"
            ]
        );
        assert_eq!((pooled[2].headcount, pooled[2].trained), (4, 1));
        assert_eq!((pooled[3].headcount, pooled[3].trained), (4, 3));
    }
}
