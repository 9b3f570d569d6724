//! Employees files: the people, who reports to whom, and the checks across rows that needs
//! (duplicate ids, managers found in the database or further down the file, reporting loops).
//! Managers given as an e-mail, a name or a vendor's own position id are resolved to employee
//! ids here, from the survey of the file and the database, before a row is validated.

use std::collections::HashMap;

use rusqlite::Connection;

use super::columns::{Header, RefMatch};
use super::compact::Interner;
use super::load::{key_cell, Change, Counts, RowState, Seen, Sink, Source, Table};
use super::mapping::UnknownManager;
use super::records::Record;
use super::rows::{col, quoted, RowContext};
use super::survey::Survey;
use crate::employees::{self, EmployeeColumns};
use crate::error::Result;

const NONE: u32 = u32::MAX;

/// One employee id, from the database, the file or both.
#[derive(Debug, Clone)]
struct Node {
    in_db: bool,
    /// The manager in the database (NONE: none).
    db_manager: u32,
    seen: Seen,
    state: RowState,
    /// The manager after the import, for a valid row (NONE: none).
    file_manager: u32,
    /// An existing employee whose manager the file changes.
    manager_changed: bool,
}

impl Node {
    fn new() -> Node {
        Node {
            in_db: false,
            db_manager: NONE,
            seen: Seen::default(),
            state: RowState::Absent,
            file_manager: NONE,
            manager_changed: false,
        }
    }

    /// Whether the employee exists once the import is done.
    fn available(&self) -> bool {
        self.in_db || self.state == RowState::Valid
    }

    /// The manager once the import is done.
    fn next(&self) -> u32 {
        match self.state {
            RowState::Valid => self.file_manager,
            _ if self.in_db => self.db_manager,
            _ => NONE,
        }
    }
}

/// Employees: ids of the database and the file as one graph of who reports to whom.
pub(super) struct Staff {
    /// Every employee id of the database and the file, numbered (a node each).
    ids: Interner,
    nodes: Vec<Node>,
    columns: EmployeeColumns,
    manager_column: bool,
    /// Rejected rows and the manager they name: a manager found nowhere is reported on
    /// them too, so one run lists every problem of a row.
    rejected_managers: Vec<(u64, u32)>,
    /// Pass 2: existing employees whose manager changes, set after every row is written.
    manager_changes: Vec<(String, bool, Option<String>)>,
    /// Pass 2: from the first new employee, the insert trigger's loop check set aside
    /// (check_across has refused every loop; [`employees::BulkInsert`] checks again).
    bulk: Option<employees::BulkInsert>,
    /// Manager cells that are not plain ids, resolved: an id, "no manager", or why not.
    managers: HashMap<String, ManagerRef>,
    /// Rejected rows that only lost their manager because of another row: reported once,
    /// at the row they report to, instead of once each.
    cascaded: HashMap<u64, Vec<u64>>,
    /// For a row rejected in a cascade, the line of the row the cascade started at.
    root_of: HashMap<u32, u64>,
    /// What to suggest when manager ids look like names or e-mails.
    hint: Option<String>,
}

/// What a manager cell turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ManagerRef {
    Id(String),
    /// A placeholder such as NO_MANAGER.
    NoManager,
    /// Cannot be resolved: the row's problem.
    Problem(String),
    /// Cannot be resolved, and `unknown_manager = "empty"`: a warning, no manager.
    Empty(String),
}

impl Staff {
    pub(super) fn load(
        conn: &Connection,
        source: &Source,
        header: &Header,
        survey: &Survey,
    ) -> Result<Staff> {
        use col::employee::*;
        let mut staff = Staff {
            ids: Interner::new(),
            nodes: Vec::new(),
            columns: EmployeeColumns {
                email: header.has(EMAIL),
                birth_year: header.has(BIRTH_YEAR),
                hire_date: header.has(HIRE_DATE),
                location: header.has(LOCATION),
                active: header.has(ACTIVE),
                left_on: header.has(LEFT_ON),
            },
            manager_column: header.has(MANAGER_ID),
            rejected_managers: Vec::new(),
            manager_changes: Vec::new(),
            bulk: None,
            managers: HashMap::new(),
            cascaded: HashMap::new(),
            root_of: HashMap::new(),
            hint: None,
        };
        employees::for_each_manager(conn, |id, manager| {
            let n = staff.intern(id);
            staff.nodes[n as usize].in_db = true;
            if let Some(manager) = manager {
                let m = staff.intern(manager);
                staff.nodes[n as usize].db_manager = m;
            }
        })?;
        (staff.managers, staff.hint) = resolve_managers(conn, source, header, survey, &staff)?;
        Ok(staff)
    }

    /// Whether `id` is an employee of the database.
    fn in_db(&self, id: &str) -> bool {
        self.ids.get(id).is_some_and(|n| self.node(n).in_db)
    }

    fn intern(&mut self, id: &str) -> u32 {
        let n = self.ids.intern(id);
        if n as usize == self.nodes.len() {
            self.nodes.push(Node::new());
        }
        n
    }

    fn node(&self, n: u32) -> &Node {
        &self.nodes[n as usize]
    }

    fn node_mut(&mut self, n: u32) -> &mut Node {
        &mut self.nodes[n as usize]
    }

    /// Rejects the valid row of `n` and says why.
    fn reject(&mut self, n: u32, message: String, sink: &mut Sink<'_>) {
        let node = self.node_mut(n);
        node.state = RowState::Rejected;
        let line = node.seen.line;
        sink.add(line, "manager_id", message);
    }

    /// Why `m` cannot be a manager after the import.
    fn unavailable(&self, m: u32) -> String {
        let node = self.node(m);
        if node.seen.line == 0 {
            format!(
                "there is no employee with id {} in the database or in this file",
                quoted(self.ids.name(m))
            )
        } else {
            format!(
                "{} is not imported: line {} has problems",
                quoted(self.ids.name(m)),
                node.seen.line
            )
        }
    }

    /// Rejects every valid row whose manager will not exist, and then the rows below those
    /// (a worklist, so a long chain costs its length, not its length squared).
    fn reject_dangling(&mut self, mut queue: Vec<u32>, sink: &mut Sink<'_>) {
        let mut edges: Vec<(u32, u32)> = (0..self.nodes.len() as u32)
            .filter(|&c| self.node(c).state == RowState::Valid && self.node(c).file_manager != NONE)
            .map(|c| (self.node(c).file_manager, c))
            .collect();
        edges.sort_unstable();
        for &(m, c) in &edges {
            if !self.node(m).available() && self.node(c).state == RowState::Valid {
                self.reject_below(c, m, sink);
                if !self.node(c).in_db {
                    queue.push(c);
                }
            }
        }
        while let Some(m) = queue.pop() {
            let start = edges.partition_point(|&(x, _)| x < m);
            for &(x, c) in &edges[start..] {
                if x != m {
                    break;
                }
                if self.node(c).state == RowState::Valid {
                    self.reject_below(c, m, sink);
                    if !self.node(c).in_db {
                        queue.push(c);
                    }
                }
            }
        }
    }

    /// Rejects `c`, whose manager `m` will not exist. A manager found nowhere is `c`'s own
    /// problem; a manager whose row was rejected is not: `c` is counted against the row the
    /// cascade started at, which reports them all at once.
    fn reject_below(&mut self, c: u32, m: u32, sink: &mut Sink<'_>) {
        let m_line = self.node(m).seen.line;
        if m_line == 0 {
            let message = self.unavailable(m);
            self.reject(c, message, sink);
            return;
        }
        let root = self.root_of.get(&m).copied().unwrap_or(m_line);
        let node = self.node_mut(c);
        node.state = RowState::Rejected;
        let line = node.seen.line;
        self.root_of.insert(c, root);
        sink.reject_quietly(line);
        self.cascaded.entry(root).or_default().push(line);
    }

    /// One problem per cascade, at the row it started at.
    fn report_cascades(&mut self, sink: &mut Sink<'_>) {
        let mut roots: Vec<(u64, Vec<u64>)> = self.cascaded.drain().collect();
        roots.sort_unstable();
        for (root, mut lines) in roots {
            lines.sort_unstable();
            lines.dedup();
            let shown: Vec<String> = lines.iter().take(10).map(u64::to_string).collect();
            let more = if lines.len() > 10 { ", …" } else { "" };
            sink.add(
                root,
                "",
                format!(
                    "{} {} below this row (line{} {}{more}) cannot be imported without it",
                    lines.len(),
                    if lines.len() == 1 { "person" } else { "people" },
                    if lines.len() == 1 { "" } else { "s" },
                    shown.join(", "),
                ),
            );
        }
    }

    /// Reporting loops in the graph as it would be after the import (file rows over the
    /// database's), each as its nodes in reporting order. Each node has at most one manager,
    /// so one walk per node, marking as it goes, finds every loop in linear time.
    fn find_loops(&self) -> Vec<Vec<u32>> {
        const NEW: u8 = 0;
        const ON_PATH: u8 = 1;
        const DONE: u8 = 2;
        let mut color = vec![NEW; self.nodes.len()];
        let mut loops = Vec::new();
        let mut path = Vec::new();
        for start in 0..self.nodes.len() as u32 {
            if self.node(start).state != RowState::Valid || color[start as usize] != NEW {
                continue;
            }
            path.clear();
            let mut x = start;
            while x != NONE && color[x as usize] == NEW {
                color[x as usize] = ON_PATH;
                path.push(x);
                x = self.node(x).next();
            }
            if x != NONE && color[x as usize] == ON_PATH {
                if let Some(i) = path.iter().position(|&p| p == x) {
                    loops.push(path[i..].to_vec());
                }
            }
            for &p in &path {
                color[p as usize] = DONE;
            }
        }
        loops
    }

    fn describe(&self, n: u32) -> String {
        let node = self.node(n);
        let name = self.ids.name(n);
        if node.state == RowState::Valid {
            format!("{name} (line {})", node.seen.line)
        } else {
            format!("{name} (in the database)")
        }
    }
}

impl Staff {
    /// The manager of `record` as resolved (see [`RowContext::employee`]), and the reference
    /// itself when it cannot be resolved.
    fn manager_of(
        &self,
        ctx: &RowContext<'_>,
        record: &Record<'_>,
    ) -> (Option<Option<String>>, Option<&ManagerRef>) {
        let Some(cell) = ctx.header.cell(record, col::employee::MANAGER_ID) else {
            return (None, None);
        };
        match self.managers.get(cell.trim()) {
            None => (None, None),
            Some(ManagerRef::Id(id)) => (Some(Some(id.clone())), None),
            Some(ManagerRef::NoManager) => (Some(None), None),
            Some(other) => (Some(None), Some(other)),
        }
    }
}

impl Table for Staff {
    fn check(
        &mut self,
        _tx: &Connection,
        ctx: &RowContext<'_>,
        record: &Record<'_>,
        sink: &mut Sink<'_>,
    ) -> Result<()> {
        let line = record.line;
        let (manager, unresolved) = self.manager_of(ctx, record);
        let mut manager_ok = true;
        match unresolved {
            Some(ManagerRef::Problem(message)) => {
                sink.add(line, "manager_id", message.clone());
                manager_ok = false;
            }
            Some(ManagerRef::Empty(message)) => sink.warn(line, message.clone()),
            _ => {}
        }
        let resolved_manager = manager.clone();
        let result = ctx.employee(record, manager);
        let node = key_cell(ctx, record, col::employee::EMPLOYEE_ID).map(|id| {
            let n = self.intern(&id);
            (
                n,
                self.node_mut(n).seen.claim(line, "employee_id", &id, sink),
            )
        });
        match (result, node, manager_ok) {
            (Ok(v), Some((n, true)), true) => {
                let manager = if self.manager_column {
                    v.manager_id.as_deref().map_or(NONE, |m| self.intern(m))
                } else {
                    self.node(n).db_manager
                };
                let node = self.node_mut(n);
                node.state = RowState::Valid;
                node.file_manager = manager;
            }
            (result, node, _) => {
                if let Err(problems) = result {
                    sink.row(line, problems);
                }
                if let Some((n, _)) = node {
                    self.node_mut(n).state = RowState::Rejected;
                }
                let manager = match resolved_manager {
                    Some(resolved) => resolved,
                    None => key_cell(ctx, record, col::employee::MANAGER_ID),
                };
                if let (Some(manager), true) = (manager, manager_ok) {
                    let m = self.intern(&manager);
                    self.rejected_managers.push((line, m));
                }
            }
        }
        Ok(())
    }

    fn check_across(&mut self, sink: &mut Sink<'_>) -> Result<()> {
        for (line, m) in std::mem::take(&mut self.rejected_managers) {
            let node = self.node(m);
            if node.seen.line == 0 && !node.in_db {
                sink.add(line, "manager_id", self.unavailable(m));
            }
        }
        // Rows rejected so far whose employee is new: those below them lose their manager.
        let mut queue: Vec<u32> = (0..self.nodes.len() as u32)
            .filter(|&n| self.node(n).state == RowState::Rejected && !self.node(n).in_db)
            .collect();
        loop {
            self.reject_dangling(std::mem::take(&mut queue), sink);
            let loops = self.find_loops();
            if loops.is_empty() {
                break;
            }
            // Rejecting a row puts back its database manager, which may close another loop:
            // hence the loop until none is left.
            for cycle in loops {
                let mut chain: Vec<String> = cycle.iter().map(|&n| self.describe(n)).collect();
                chain.push(self.ids.name(cycle[0]).to_string());
                let message = format!("would make a reporting loop: {}", chain.join(" → "));
                for &n in &cycle {
                    if self.node(n).state == RowState::Valid {
                        self.reject(n, message.clone(), sink);
                        if !self.node(n).in_db {
                            queue.push(n);
                        }
                    }
                }
            }
        }
        self.report_cascades(sink);
        if let Some(hint) = self.hint.take() {
            sink.note(hint);
        }
        for node in &mut self.nodes {
            node.manager_changed = self.manager_column
                && node.in_db
                && node.state == RowState::Valid
                && node.file_manager != node.db_manager;
        }
        Ok(())
    }

    fn write(
        &mut self,
        tx: &Connection,
        ctx: &RowContext<'_>,
        record: &Record<'_>,
    ) -> Result<Option<Change>> {
        let (manager, _) = self.manager_of(ctx, record);
        let Ok(valid) = ctx.employee(record, manager) else {
            return Ok(None);
        };
        let Some(n) = self.ids.get(valid.employee_id.as_str()) else {
            return Ok(None);
        };
        let node = self.node(n);
        if node.state != RowState::Valid || node.seen.line != record.line {
            return Ok(None);
        }
        if !node.in_db {
            // A new employee may get their manager at once: a loop through them needs a line
            // to them, and only rows of this file, written later, can draw one.
            if self.bulk.is_none() {
                self.bulk = Some(employees::BulkInsert::begin(tx)?);
            }
            employees::insert(tx, &valid)?;
            return Ok(Some(Change::Inserted));
        }
        let changed = employees::update_changed(tx, &valid, &self.columns)?;
        if node.manager_changed {
            self.manager_changes.push((
                valid.employee_id,
                node.db_manager != NONE,
                valid.manager_id,
            ));
            Ok(Some(Change::Updated))
        } else if changed {
            Ok(Some(Change::Updated))
        } else {
            Ok(Some(Change::Unchanged))
        }
    }

    /// Moves existing employees to their new managers: first every changed line is removed,
    /// then the new ones drawn, so no order of rows can make a loop the triggers would refuse
    /// on the way to a final state that has none.
    fn finish(&mut self, tx: &Connection, _progress: &mut dyn FnMut(u64)) -> Result<Counts> {
        for (employee_id, had_manager, _) in &self.manager_changes {
            if *had_manager {
                employees::set_manager(tx, employee_id, None)?;
            }
        }
        for (employee_id, _, manager) in &self.manager_changes {
            if let Some(manager) = manager {
                employees::set_manager(tx, employee_id, Some(manager))?;
            }
        }
        if let Some(bulk) = self.bulk.take() {
            bulk.finish(tx)?;
        }
        Ok(Counts::default())
    }
}

/// Names compare ignoring case and runs of spaces.
pub(super) fn name_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The keys a manager cell may match a full name by: itself, and "Last, First" turned
/// around.
fn name_keys(cell: &str) -> Vec<String> {
    let mut keys = vec![name_key(cell)];
    if let Some((last, first)) = cell.split_once(',') {
        if !first.contains(',') && !first.trim().is_empty() && !last.trim().is_empty() {
            keys.push(name_key(&format!("{first} {last}")));
        }
    }
    keys
}

/// Where a person a reference matched is: a line of the file, or the database.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Match {
    id: String,
    line: Option<u64>,
}

impl Match {
    fn describe(&self) -> String {
        match self.line {
            Some(line) => format!("{} (line {line})", self.id),
            None => format!("{} (in the database)", self.id),
        }
    }
}

/// A key (an e-mail or a name) → the people it matches.
type People = HashMap<String, Vec<Match>>;

/// The employees of the database and the file whose e-mail or name is one of `wanted`
/// (keys as [`mapping::value_key`] and [`name_key`] make them).
fn find_people(
    conn: &Connection,
    source: &Source,
    header: &Header,
    wanted: &std::collections::HashSet<String>,
) -> Result<(People, People)> {
    let mut emails: HashMap<String, Vec<Match>> = HashMap::new();
    let mut names: HashMap<String, Vec<Match>> = HashMap::new();
    let mut add = |id: &str, email: Option<&str>, name: &str, line: Option<u64>| {
        let m = Match {
            id: id.to_string(),
            line,
        };
        if let Some(email) = email.map(crate::import::mapping::value_key) {
            if wanted.contains(&email) {
                let list = emails.entry(email).or_default();
                list.retain(|x| x.id != m.id);
                list.push(m.clone());
            }
        }
        let key = name_key(name);
        if wanted.contains(&key) {
            let list = names.entry(key).or_default();
            list.retain(|x| x.id != m.id);
            list.push(m);
        }
    };
    employees::for_each_identity(conn, |id, email, name| add(id, email, name, None))?;
    let mut records = source.records()?;
    while records.advance().or_else(|e| source.survey_error(e))? {
        let record = records.current();
        if record.line < header.data_from || header.skip(&record).is_some() {
            continue;
        }
        let text = |c: usize| {
            header
                .cell(&record, c)
                .map(|t| t.trim().to_string())
                .unwrap_or_default()
        };
        let id = text(col::employee::EMPLOYEE_ID);
        if id.is_empty() {
            continue;
        }
        let email = text(col::employee::EMAIL);
        let email = (!email.is_empty()).then_some(email.as_str());
        add(
            &id,
            email,
            &text(col::employee::FULL_NAME),
            Some(record.line),
        );
    }
    Ok((emails, names))
}

/// Resolves every manager cell of the file that is not a plain employee id, as the manager
/// field's `match` says: by e-mail, by full name ("Last, First" too), by another column of
/// the file, or (recognised columns) by id, else e-mail, else name. A cell that matches
/// two people is a problem naming both; one that matches nobody is a problem, or a warning
/// and no manager with `unknown_manager = "empty"`. Placeholders such as NO_MANAGER mean
/// no manager.
fn resolve_managers(
    conn: &Connection,
    source: &Source,
    header: &Header,
    survey: &Survey,
    staff: &Staff,
) -> Result<(HashMap<String, ManagerRef>, Option<String>)> {
    let mut hint = None;
    let Some(field) = header.field(col::employee::MANAGER_ID) else {
        return Ok((HashMap::new(), hint));
    };
    let matching = field.matching.clone();
    let empty = header.rules.unknown_manager == UnknownManager::Empty;
    let column = quoted(header.display_name("manager_id"));
    let known =
        |v: &str| survey.ids.as_ref().is_some_and(|ids| ids.get(v).is_some()) || staff.in_db(v);
    let by_id = matches!(matching, RefMatch::Id | RefMatch::Auto);
    let mut out = HashMap::new();
    let mut wanted_values: Vec<&String> = Vec::new();
    for value in survey.managers.keys() {
        if by_id && known(value) {
            continue;
        }
        // A cell that can only be an id is left to the id check and its message.
        let id_like = !value.contains(['@', ' ', ',']);
        if matching == RefMatch::Auto && id_like && !super::vocab::is_no_manager(value) {
            continue;
        }
        if super::vocab::is_no_manager(value) {
            out.insert(value.clone(), ManagerRef::NoManager);
            continue;
        }
        if let RefMatch::Column(i) = matching {
            let mut ids: Vec<&(String, u64)> = survey
                .by_column
                .get(value.as_str())
                .map(|v| v.iter().collect())
                .unwrap_or_default();
            ids.dedup_by(|a, b| a.0 == b.0);
            let other = quoted(&header.names[i]);
            let resolved =
                match ids.as_slice() {
                    [(id, _)] => ManagerRef::Id(id.clone()),
                    [] if empty => ManagerRef::Empty(format!(
                        "no row has {} in column {other}; the manager was left empty",
                        quoted(value)
                    )),
                    [] => ManagerRef::Problem(format!(
                        "no row has {} in column {other}, so the manager cannot be found",
                        quoted(value)
                    )),
                    several => {
                        ManagerRef::Problem(format!(
                    "{} is in column {other} on {} rows (lines {}); it must name one person",
                    quoted(value),
                    several.len(),
                    several.iter().map(|(_, l)| l.to_string()).collect::<Vec<_>>().join(", ")
                ))
                    }
                };
            out.insert(value.clone(), resolved);
            continue;
        }
        wanted_values.push(value);
    }
    if wanted_values.is_empty() {
        return Ok((out, hint));
    }
    let mut wanted = std::collections::HashSet::new();
    for value in &wanted_values {
        wanted.insert(crate::import::mapping::value_key(value));
        wanted.extend(name_keys(value));
    }
    let (emails, names) = find_people(conn, source, header, &wanted)?;
    let by_email = matches!(matching, RefMatch::Auto | RefMatch::Email);
    let by_name = matches!(matching, RefMatch::Auto | RefMatch::Name);
    let mut would_match = (0u64, 0u64, None::<(String, u64)>);
    for value in wanted_values {
        let email_hits = emails
            .get(&crate::import::mapping::value_key(value))
            .cloned()
            .unwrap_or_default();
        let mut name_hits: Vec<Match> = Vec::new();
        for key in name_keys(value) {
            for m in names.get(&key).into_iter().flatten() {
                if !name_hits.iter().any(|x| x.id == m.id) {
                    name_hits.push(m.clone());
                }
            }
        }
        if matching == RefMatch::Id {
            // Ids only, as the mapping says; but say so when the cells are names or e-mails.
            let (rows, _) = survey.managers.get(value).copied().unwrap_or((0, 0));
            let count = survey.managers.get(value).map_or(0, |x| x.1);
            let hit = if !name_hits.is_empty() {
                would_match.0 += count;
                true
            } else if !email_hits.is_empty() {
                would_match.1 += count;
                true
            } else {
                false
            };
            // The example is the first such line of the file (the values come unordered).
            if hit && would_match.2.as_ref().is_none_or(|(_, l)| rows < *l) {
                would_match.2 = Some((value.clone(), rows));
            }
            if empty {
                out.insert(
                    value.clone(),
                    ManagerRef::Empty(format!(
                        "there is no employee with id {} in the database or in this file; the manager was left empty",
                        quoted(value)
                    )),
                );
            }
            continue;
        }
        let hits = if by_email && !email_hits.is_empty() {
            email_hits
        } else if by_name {
            name_hits
        } else {
            Vec::new()
        };
        let what = match matching {
            RefMatch::Email => "e-mail",
            RefMatch::Name => "name",
            _ => "id, e-mail or name",
        };
        let resolved = match hits.as_slice() {
            [m] => ManagerRef::Id(m.id.clone()),
            [] if empty => ManagerRef::Empty(format!(
                "there is no employee with the {what} {} in the database or in this file; the manager was left empty",
                quoted(value)
            )),
            [] => ManagerRef::Problem(format!(
                "there is no employee with the {what} {} in the database or in this file",
                quoted(value)
            )),
            several => ManagerRef::Problem(format!(
                "{} matches {} employees: {}; give the manager's employee id or e-mail instead",
                quoted(value),
                several.len(),
                several.iter().map(Match::describe).collect::<Vec<_>>().join(" and ")
            )),
        };
        out.insert(value.clone(), resolved);
    }
    let (by_names, by_emails, example) = would_match;
    if let Some((value, line)) = example {
        let (n, word, how) = if by_names >= by_emails {
            (by_names, "name", "name")
        } else {
            (by_emails, "e-mail", "email")
        };
        hint = Some(format!(
                "{n} rows name a manager by {word} (e.g. {} on line {line}): match managers by {word}? manager_id = {{ column = {}, match = \"{how}\" }}",
                quoted(&value),
                crate::import::mapping::toml_string(header.display_name("manager_id")),
            ));
    }
    let _ = column;
    Ok((out, hint))
}
