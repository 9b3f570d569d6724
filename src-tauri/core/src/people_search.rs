//! Finding an employee from what a person types into a field that names one: the picker's
//! typeahead ([`search`]) and turning the typed text into an employee_id ([`resolve`]).
//!
//! Matching is in SQL, ignoring case (ASCII letters, as SQLite's LIKE does), over the
//! employee id, the full name and the e-mail. Best matches first: the whole text equal to an
//! id, name or e-mail; then a prefix of one of them; then a prefix of a later word of the
//! name ("had" finds "Maya Haddad"); then the text anywhere. Within a rank, active employees
//! come before inactive ones, then by name. One scan of `employees` answers a search (no
//! index serves a match anywhere in the text), so its cost does not depend on the text.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldProblem, Result};

/// The most matches one search returns.
pub const MAX_MATCHES: u32 = 100;

/// One employee a search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonMatch {
    pub employee_id: String,
    pub full_name: String,
    pub email: Option<String>,
    pub role: String,
    pub department: String,
    pub active: bool,
}

/// `text` as a LIKE pattern body: wildcards escaped (with `\`).
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Up to `limit` employees (1 to [`MAX_MATCHES`]) whose id, name or e-mail contains `text`,
/// best matches first. Blank text finds no one.
pub fn search(conn: &Connection, text: &str, limit: u32) -> Result<Vec<PersonMatch>> {
    if limit == 0 || limit > MAX_MATCHES {
        return Err(Error::invalid(
            "limit",
            format!("a search returns 1 to {MAX_MATCHES} matches; {limit} asked for"),
        ));
    }
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let body = escape_like(text);
    let mut stmt = conn.prepare_cached(
        "SELECT employee_id, full_name, email, role, department, active, \
           CASE WHEN employee_id LIKE ?1 ESCAPE '\\' OR full_name LIKE ?1 ESCAPE '\\' \
                     OR email LIKE ?1 ESCAPE '\\' THEN 0 \
                WHEN employee_id LIKE ?1 || '%' ESCAPE '\\' \
                     OR full_name LIKE ?1 || '%' ESCAPE '\\' \
                     OR email LIKE ?1 || '%' ESCAPE '\\' THEN 1 \
                WHEN full_name LIKE '% ' || ?1 || '%' ESCAPE '\\' \
                     OR full_name LIKE '%-' || ?1 || '%' ESCAPE '\\' THEN 2 \
                ELSE 3 END AS rank \
         FROM employees \
         WHERE employee_id LIKE '%' || ?1 || '%' ESCAPE '\\' \
            OR full_name LIKE '%' || ?1 || '%' ESCAPE '\\' \
            OR email LIKE '%' || ?1 || '%' ESCAPE '\\' \
         ORDER BY rank, active DESC, full_name COLLATE NOCASE, employee_id \
         LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![body, limit], |r| {
            Ok(PersonMatch {
                employee_id: r.get(0)?,
                full_name: r.get(1)?,
                email: r.get(2)?,
                role: r.get(3)?,
                department: r.get(4)?,
                active: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The employee_id `text` names: an employee id as it is, else a full name (ignoring case)
/// that exactly one employee has. None when neither matches. Two or more employees sharing
/// the name is a problem on `field` that names them, so the person can type the id instead.
pub fn find_id(conn: &Connection, field: &str, text: &str) -> Result<Option<String>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if crate::employees::exists(conn, text)? {
        return Ok(Some(text.to_string()));
    }
    // employees_name is on full_name COLLATE NOCASE: a seek.
    let mut stmt = conn.prepare_cached(
        "SELECT employee_id, department FROM employees WHERE full_name = ?1 COLLATE NOCASE \
         ORDER BY employee_id LIMIT 6",
    )?;
    let named = stmt
        .query_map(params![text], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    match named.as_slice() {
        [] => Ok(None),
        [(id, _)] => Ok(Some(id.clone())),
        several => {
            let mut who: Vec<String> = several
                .iter()
                .take(5)
                .map(|(id, department)| format!("{id} ({department})"))
                .collect();
            if several.len() > 5 {
                who.push("others".to_string());
            }
            let last = who.pop().unwrap_or_default();
            Err(Error::Invalid(vec![FieldProblem::new(
                field,
                format!(
                    "more than one employee is called '{text}': {} and {last}; type the employee id",
                    who.join(", ")
                ),
            )]))
        }
    }
}

/// [`find_id`], with "no such employee" as a problem on `field`.
pub fn resolve(conn: &Connection, field: &str, text: &str) -> Result<String> {
    find_id(conn, field, text)?.ok_or_else(|| {
        Error::invalid(
            field,
            format!("there is no employee with the id or name '{}'", text.trim()),
        )
    })
}

/// A pasted list of people, resolved: the ids found (each once, in the order pasted) and the
/// entries that name no one, or more than one, with why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PastedPeople {
    pub ids: Vec<String>,
    pub unknown: Vec<PastedProblem>,
}

/// One pasted entry that was not taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PastedProblem {
    /// The entry as pasted (trimmed), and its 1-based position in the list.
    pub text: String,
    pub position: u32,
    pub reason: String,
}

/// The most entries one paste resolves (a whole organisation's list fits).
pub const MAX_PASTED: usize = 100_000;

/// Resolves a pasted list (one entry per line, or separated by commas, semicolons or tabs, as
/// a spreadsheet column or an e-mail's To line gives them) of employee ids, e-mail addresses
/// (ignoring case; `Name <a@b>` takes the address) or full names that one employee has.
pub fn resolve_pasted(conn: &Connection, text: &str) -> Result<PastedPeople> {
    let entries: Vec<&str> = text
        .split(['\n', '\r', ',', ';', '\t'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect();
    if entries.len() > MAX_PASTED {
        return Err(Error::invalid(
            "pasted",
            format!(
                "{} entries pasted; at most {MAX_PASTED} at a time",
                entries.len()
            ),
        ));
    }
    let mut by_email = conn.prepare_cached(
        "SELECT employee_id FROM employees WHERE email = ?1 COLLATE NOCASE ORDER BY employee_id LIMIT 2",
    )?;
    let mut out = PastedPeople::default();
    let mut seen = std::collections::HashSet::new();
    for (i, entry) in entries.iter().enumerate() {
        let position = u32::try_from(i + 1).unwrap_or(u32::MAX);
        // `Ada Lovelace <ada@example.org>`: the address between the angle brackets.
        let address = match (entry.rfind('<'), entry.rfind('>')) {
            (Some(open), Some(close)) if open < close => entry[open + 1..close].trim(),
            _ => entry,
        };
        let found = if address.contains('@') {
            let ids = by_email
                .query_map(params![address], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            match ids.as_slice() {
                [id] => Ok(id.clone()),
                [] => Err(format!("no employee has the e-mail {address}")),
                _ => Err(format!("more than one employee has the e-mail {address}")),
            }
        } else {
            match find_id(conn, "pasted", entry) {
                Ok(Some(id)) => Ok(id),
                Ok(None) => Err(format!("no employee has the id or name '{entry}'")),
                Err(Error::Invalid(problems)) => Err(problems
                    .into_iter()
                    .map(|p| p.message)
                    .collect::<Vec<_>>()
                    .join("; ")),
                Err(e) => return Err(e),
            }
        };
        match found {
            Ok(id) => {
                if seen.insert(id.clone()) {
                    out.ids.push(id);
                }
            }
            Err(reason) => out.unknown.push(PastedProblem {
                text: entry.to_string(),
                position,
                reason,
            }),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    fn org(people: &[(&str, &str, Option<&str>, bool)]) -> Db {
        let db = Db::open_in_memory().unwrap();
        for (id, name, email, active) in people {
            db.conn()
                .execute(
                    "INSERT INTO employees (employee_id, full_name, email, role, department, active) \
                     VALUES (?1, ?2, ?3, 'R', 'Dept ' || ?1, ?4)",
                    params![id, name, email, active],
                )
                .unwrap();
        }
        db
    }

    fn ids(found: &[PersonMatch]) -> Vec<&str> {
        found.iter().map(|m| m.employee_id.as_str()).collect()
    }

    #[test]
    fn exact_then_prefix_then_word_prefix_then_anywhere() {
        let db = org(&[
            ("E1", "Maya Haddad", Some("maya.haddad@x.org"), true),
            ("E2", "Hadley Stone", None, true),
            ("E3", "Tom Shadow", Some("tom@x.org"), true),
            ("E4", "Had", None, true),
            ("E5", "Old Hadfield", None, false),
            ("E6", "Ann Lee", Some("ann@had.example"), true),
        ]);
        let found = search(db.conn(), "HAD", 10).unwrap();
        // E4 equals the text; E2 starts with it; E1 and E5 have a word that does (active
        // first); E3 and E6 have it inside.
        assert_eq!(ids(&found), vec!["E4", "E2", "E1", "E5", "E6", "E3"]);
        assert_eq!(ids(&search(db.conn(), "maya had", 10).unwrap()), vec!["E1"]);
        assert_eq!(ids(&search(db.conn(), "e3", 10).unwrap()), vec!["E3"]);
        assert_eq!(ids(&search(db.conn(), "tom@", 10).unwrap()), vec!["E3"]);
        assert_eq!(search(db.conn(), "had", 2).unwrap().len(), 2);
        assert!(search(db.conn(), "  ", 10).unwrap().is_empty());
        assert!(search(db.conn(), "had", 0).is_err());
    }

    #[test]
    fn wildcards_are_text() {
        let db = org(&[
            ("E1", "Ann 50% Lee", None, true),
            ("E2", "Ann 500 Lee", None, true),
            ("E_3", "Bo", None, true),
            ("EX3", "Cy", None, true),
        ]);
        assert_eq!(ids(&search(db.conn(), "50%", 10).unwrap()), vec!["E1"]);
        assert_eq!(ids(&search(db.conn(), "e_3", 10).unwrap()), vec!["E_3"]);
    }

    #[test]
    fn a_unique_name_resolves_and_a_shared_one_names_both() {
        let db = org(&[
            ("E1", "Maya Haddad", None, true),
            ("E2", "Sam Roe", None, true),
            ("E3", "Sam Roe", None, false),
        ]);
        let conn = db.conn();
        assert_eq!(resolve(conn, "manager_id", " E2 ").unwrap(), "E2");
        assert_eq!(resolve(conn, "manager_id", "maya haddad").unwrap(), "E1");
        let err = resolve(conn, "manager_id", "Sam Roe").unwrap_err();
        let Error::Invalid(problems) = &err else {
            panic!("{err}");
        };
        assert_eq!(problems[0].field, "manager_id");
        assert!(
            problems[0]
                .message
                .contains("E2 (Dept E2) and E3 (Dept E3)"),
            "{err}"
        );
        let err = resolve(conn, "manager_id", "Nobody").unwrap_err();
        assert!(err.to_string().contains("'Nobody'"), "{err}");
        assert_eq!(find_id(conn, "x", "Nobody").unwrap(), None);
    }

    #[test]
    fn a_pasted_list_takes_ids_emails_and_unique_names_once_each() {
        let db = org(&[
            ("E1", "Maya Haddad", Some("Maya.Haddad@x.org"), true),
            ("E2", "Tom Shadow", Some("tom@x.org"), true),
            ("E3", "Ann Lee", None, true),
            ("E4", "Ann Lee", None, true),
        ]);
        let pasted =
            "E2\r\nmaya.haddad@X.ORG; Tom Shadow <tom@x.org>\n\nE9,\tAnn Lee\tnobody@x.org\nE1";
        let got = resolve_pasted(db.conn(), pasted).unwrap();
        assert_eq!(got.ids, vec!["E2", "E1"]);
        let unknown: Vec<(u32, &str)> = got
            .unknown
            .iter()
            .map(|p| (p.position, p.text.as_str()))
            .collect();
        assert_eq!(
            unknown,
            vec![(4, "E9"), (5, "Ann Lee"), (6, "nobody@x.org")]
        );
        assert!(got.unknown[1].reason.contains("E3"), "{:?}", got.unknown[1]);
        assert!(got.unknown[2].reason.contains("nobody@x.org"));
        assert_eq!(
            resolve_pasted(db.conn(), " \n ,").unwrap(),
            PastedPeople::default()
        );
    }
}
