//! Dates as real exports write them: the forms HR systems, LMSs and spreadsheets produce,
//! deciding a column's form from all its values, and reading a user's own chrono pattern.
//!
//! A value is read in a [`DateForm`]; [`forms_of`] lists every form a value can be read in.
//! Most values name their own form (`2024-03-05`, `05.03.2024`, `5 March 2024`); only day and
//! month written with slashes or dashes can be read both ways round, and a column decides
//! that [`DayMonth`] order from its values (`15/04/2019` settles `03/04/2019` next to it), never by
//! guessing. [`read_auto`] reads one value given the column's order.
//!
//! Rules every reader here shares:
//! - The date is the one written: a time of day, an AM/PM marker, a zone (`Z`, `UTC`,
//!   `+02:00`) are checked for shape and dropped, never used to move the date to another day.
//! - A two-digit year is the latest year ending in those digits that is not after `today`'s
//!   year: with today in 2026, `85` is 1985, `26` is 2026 and `27` is 1927. An export's
//!   dates are records of the past, so a date in a later year is the less likely reading.
//! - `today` is always passed in; the clock is never read, so a result depends only on the
//!   arguments.
//! - An error is a message for the user that quotes the value.

use chrono::format::{self, Fixed, Item, Numeric, ParseErrorKind, Parsed, StrftimeItems};
use chrono::{Datelike, Days, NaiveDate, Weekday};

/// A way of writing a date. Numeric forms take 1 or 2 digits for day and month; every form
/// but [`DateForm::Excel`] may be followed by a time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum DateForm {
    /// `YYYY-MM-DD`, also with a time: `2024-03-05T14:15:00.123+02:00`, `2025-03-03 14:15 UTC`.
    Iso,
    /// `YYYY/MM/DD`.
    YmdSlash,
    /// `DD.MM.YYYY`.
    DmyDots,
    /// `DD.MM.YY`.
    DmyDots2,
    /// `MM/DD/YYYY`.
    MdySlash,
    /// `DD/MM/YYYY`.
    DmySlash,
    /// `MM/DD/YY`.
    MdySlash2,
    /// `DD/MM/YY`.
    DmySlash2,
    /// `DD-MM-YYYY`.
    DmyDash,
    /// `MM-DD-YYYY`.
    MdyDash,
    /// The month's name in English, German, French or Spanish (full or abbreviated), with the
    /// day before or after it and the year last (or first, as `2024 Sep 13`), optionally led
    /// by the day's name: `Friday, 13 September 2024, 5:52 PM`, `Sep 13, 2024`,
    /// `13-Sep-24`, `13. September 2024`, `13 sept. 2024`. The names settle which number is
    /// the day, so this is one form.
    Named,
    /// An Excel serial number in the 1900 system, as a spreadsheet saves a date cell
    /// formatted as a number; a fraction is the time of day and is dropped.
    Excel,
}

/// The smallest bare number [`forms_of`] takes for an Excel serial (1927-05-18). Invariant:
/// a number below it is never detected as Excel, whether or not it has a fraction, because a
/// small number in a date column (`1985`, `2024`) is far more likely a year than a date
/// before 1927. [`DateForm::Excel`]'s own `parse` still reads every serial from 1.
const EXCEL_DETECT_MIN: u64 = 10_000;
/// The last serial Excel has: 9999-12-31.
const EXCEL_MAX: u64 = 2_958_465;
/// Serial 60 is the 29 February 1900 Excel counts (copied from Lotus 1-2-3's bug) but that
/// never existed.
const EXCEL_FICTITIOUS: u64 = 60;

impl DateForm {
    /// Every form, in the order decisions list them.
    pub const ALL: [DateForm; 12] = [
        DateForm::Iso,
        DateForm::YmdSlash,
        DateForm::DmyDots,
        DateForm::DmyDots2,
        DateForm::MdySlash,
        DateForm::DmySlash,
        DateForm::MdySlash2,
        DateForm::DmySlash2,
        DateForm::DmyDash,
        DateForm::MdyDash,
        DateForm::Named,
        DateForm::Excel,
    ];

    /// How a person names it.
    pub fn label(self) -> &'static str {
        match self {
            DateForm::Iso => "YYYY-MM-DD",
            DateForm::YmdSlash => "YYYY/MM/DD",
            DateForm::DmyDots => "DD.MM.YYYY",
            DateForm::DmyDots2 => "DD.MM.YY",
            DateForm::MdySlash => "MM/DD/YYYY",
            DateForm::DmySlash => "DD/MM/YYYY",
            DateForm::MdySlash2 => "MM/DD/YY",
            DateForm::DmySlash2 => "DD/MM/YY",
            DateForm::DmyDash => "DD-MM-YYYY",
            DateForm::MdyDash => "MM-DD-YYYY",
            DateForm::Named => "a date with the month's name",
            DateForm::Excel => "an Excel date serial number",
        }
    }

    /// The value a mapping file's `format` key takes for this form: a pattern for
    /// [`parse_with_pattern`], or `excel` for [`parse_excel`]. For the numeric forms the
    /// pattern reads every value the form does (a trailing time is dropped by
    /// `parse_with_pattern` too). For `Named` it is `%d %B %Y`, which reads only English
    /// day-first dates (`13 September 2024`, `13 Sep 2024`); `auto` reads every named
    /// variant.
    pub fn mapping_format(self) -> &'static str {
        match self {
            DateForm::Iso => "%Y-%m-%d",
            DateForm::YmdSlash => "%Y/%m/%d",
            DateForm::DmyDots => "%d.%m.%Y",
            DateForm::DmyDots2 => "%d.%m.%y",
            DateForm::MdySlash => "%m/%d/%Y",
            DateForm::DmySlash => "%d/%m/%Y",
            DateForm::MdySlash2 => "%m/%d/%y",
            DateForm::DmySlash2 => "%d/%m/%y",
            DateForm::DmyDash => "%d-%m-%Y",
            DateForm::MdyDash => "%m-%d-%Y",
            DateForm::Named => "%d %B %Y",
            DateForm::Excel => "excel",
        }
    }

    /// Parses one cell (surrounding spaces ignored) in this form. The error quotes the value:
    /// "'31.04.2024' is not a real date" when the numbers are in place but the day does not
    /// exist, "'13/45/2024' is not a date in the form MM/DD/YYYY" when they cannot be.
    pub fn parse(self, text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
        let text = text.trim();
        match read(self, &scan(text), today) {
            Some(Ok(date)) => Ok(date),
            Some(Err(problem)) => Err(problem.message(text)),
            None => Err(self.mismatch(text)),
        }
    }

    fn mismatch(self, text: &str) -> String {
        match self {
            DateForm::Named => format!(
                "{} is not a date with the month's name, like 13 September 2024",
                quoted(text)
            ),
            DateForm::Excel => format!("{} is not an Excel date serial number", quoted(text)),
            _ => format!(
                "{} is not a date in the form {}",
                quoted(text),
                self.label()
            ),
        }
    }

    /// Where the numbers of a numeric form are; `None` for `Named` and `Excel`.
    fn layout(self) -> Option<Layout> {
        let (sep, order, two_digit_year) = match self {
            DateForm::Iso => (b'-', Order::Ymd, false),
            DateForm::YmdSlash => (b'/', Order::Ymd, false),
            DateForm::DmyDots => (b'.', Order::Dmy, false),
            DateForm::DmyDots2 => (b'.', Order::Dmy, true),
            DateForm::MdySlash => (b'/', Order::Mdy, false),
            DateForm::DmySlash => (b'/', Order::Dmy, false),
            DateForm::MdySlash2 => (b'/', Order::Mdy, true),
            DateForm::DmySlash2 => (b'/', Order::Dmy, true),
            DateForm::DmyDash => (b'-', Order::Dmy, false),
            DateForm::MdyDash => (b'-', Order::Mdy, false),
            DateForm::Named | DateForm::Excel => return None,
        };
        Some(Layout {
            sep,
            order,
            two_digit_year,
        })
    }

    fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// Every form `text` (trimmed) can be read in, in [`DateForm::ALL`] order; empty text gives
/// none. `15/04/2019` → [DmySlash]; `03/04/2019` → [MdySlash, DmySlash]; `41566` → [Excel].
///
/// Invariant: a form is listed exactly when its [`DateForm::parse`] succeeds, except that a
/// bare number is listed as Excel only from 10000 up (see [`EXCEL_DETECT_MIN`]): `1985` is
/// read as no form, although `DateForm::Excel.parse("1985")` would give 1905-06-07.
pub(crate) fn forms_of(text: &str, today: NaiveDate) -> Vec<DateForm> {
    fits(text.trim(), today).iter().collect()
}

/// Checks a mapping file's `format` value once, before any row is read: `excel` and `auto`
/// (exactly so) are accepted; anything else must be a chrono strftime pattern with a year
/// (`%Y`, `%y`, `%C%y`), a month (`%m`, `%b`, `%B`, `%h`) and a day (`%d`, `%e`), or a
/// pattern holding all three (`%F`, `%D`, `%x`, `%v`, `%c`, `%+`). Err is the message, as
/// "'%Y-%m' has no day".
pub(crate) fn check_pattern(pattern: &str) -> Result<(), String> {
    if pattern == "excel" || pattern == "auto" {
        return Ok(());
    }
    let fields = PatternFields::of(pattern)?;
    let mut missing = Vec::new();
    if !fields.year {
        missing.push("year");
    }
    if !fields.month {
        missing.push("month");
    }
    if !fields.day {
        missing.push("day");
    }
    let missing = match missing.as_slice() {
        [] => return Ok(()),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    };
    Err(format!("'{pattern}' has no {missing}"))
}

/// Parses a cell (surrounding spaces ignored) with a user's strftime pattern. The pattern may
/// hold a time, a day's name and AM/PM; only the date is taken, as written (no time-zone
/// conversion). A value may also carry a time the pattern does not mention, after a space,
/// `T` or comma (`2024-03-05T14:15:00Z` for `%Y-%m-%d`): it is dropped, so the pattern a
/// detected form saves ([`DateForm::mapping_format`]) reads that form's values. `%y` follows
/// the two-digit-year rule of this module, not chrono's fixed pivot at 1970. A day's name
/// that contradicts the date is an error.
pub(crate) fn parse_with_pattern(
    pattern: &str,
    text: &str,
    today: NaiveDate,
) -> Result<NaiveDate, String> {
    let text = text.trim();
    let mismatch = || format!("{} does not match the format '{pattern}'", quoted(text));
    let bad_pattern = || check_pattern(pattern).err().unwrap_or_else(mismatch);
    let mut parsed = Parsed::new();
    let rest = match format::parse_and_remainder(&mut parsed, text, StrftimeItems::new(pattern)) {
        Ok(rest) => rest,
        Err(error) if error.kind() == ParseErrorKind::BadFormat => return Err(bad_pattern()),
        Err(_) => return Err(mismatch()),
    };
    if !rest.is_empty() {
        let has_time = PatternFields::of(pattern)?.time;
        if has_time || !time_after(rest, true) {
            return Err(mismatch());
        }
    }
    let year = match (parsed.year(), parsed.year_div_100(), parsed.year_mod_100()) {
        (Some(year), _, Some(mod_100)) if year.rem_euclid(100) != mod_100 => return Err(mismatch()),
        (Some(year), _, _) => year,
        (None, Some(div_100), Some(mod_100)) => div_100 * 100 + mod_100,
        (None, None, Some(mod_100)) => full_year(mod_100, today),
        _ => return Err(bad_pattern()),
    };
    let (Some(month), Some(day)) = (parsed.month(), parsed.day()) else {
        return Err(bad_pattern());
    };
    let date =
        NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| Problem::NotReal.message(text))?;
    match parsed.weekday() {
        Some(written) if written != date.weekday() => {
            Err(Problem::WrongDay { date, written }.message(text))
        }
        _ => Ok(date),
    }
}

/// An Excel serial in a cell (format `excel`): a serial from 1 to 2958465, a fraction
/// (the time) dropped; a date already written as `YYYY-MM-DD` is accepted too, since a
/// spreadsheet saves the cells it did not recognise as numbers as text.
pub(crate) fn parse_excel(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    match scan(text) {
        Shape::Serial { whole } => excel_date(whole).map_err(|problem| problem.message(text)),
        shape @ Shape::Numeric { .. } => {
            // ISO years have four digits, so `today` (only read for two-digit years) is moot.
            match read(DateForm::Iso, &shape, NaiveDate::MIN) {
                Some(Ok(date)) => Ok(date),
                Some(Err(problem)) => Err(problem.message(text)),
                None => Err(not_excel(text)),
            }
        }
        Shape::Named(_) | Shape::Other => Err(not_excel(text)),
    }
}

fn not_excel(text: &str) -> String {
    format!(
        "{} is not an Excel date serial number or a YYYY-MM-DD date",
        quoted(text)
    )
}

/// A value quoted for a message, cut short so that a 1 MB cell makes a one-line message.
fn quoted(value: &str) -> String {
    const MAX: usize = 60;
    match value.char_indices().nth(MAX) {
        Some((cut, _)) => format!("'{}…'", &value[..cut]),
        None => format!("'{value}'"),
    }
}

/// Which way round a column writes day and month where one value alone does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayMonth {
    MonthFirst,
    DayFirst,
}

impl DayMonth {
    pub fn label(self) -> &'static str {
        match self {
            DayMonth::MonthFirst => "MM/DD/YYYY",
            DayMonth::DayFirst => "DD/MM/YYYY",
        }
    }
}

impl DateForm {
    /// The day/month order the form assumes, for the forms whose values can be ambiguous.
    pub fn order(self) -> Option<DayMonth> {
        match self {
            DateForm::MdySlash | DateForm::MdySlash2 | DateForm::MdyDash => {
                Some(DayMonth::MonthFirst)
            }
            DateForm::DmySlash | DateForm::DmySlash2 | DateForm::DmyDash => {
                Some(DayMonth::DayFirst)
            }
            _ => None,
        }
    }
}

/// What one value says about its column's order: the order its only readings share, if
/// it can be read one way round only (`15/04/2019`: day first).
pub(crate) fn order_evidence(forms: &[DateForm]) -> Option<DayMonth> {
    let mut orders = forms.iter().filter_map(|f| f.order());
    let first = orders.next()?;
    let one_way = orders.all(|o| o == first) && !forms.iter().any(|f| f.order().is_none());
    one_way.then_some(first)
}

/// Why [`read_auto`] could not read a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AutoError {
    /// No form reads it.
    NoForm,
    /// It reads both ways round and the column's order is unknown: these are the readings.
    Ambiguous(Vec<DateForm>),
    /// It reads only the other way round from the column's order.
    WrongOrder(DateForm),
}

/// Reads `text` in the one form that fits it, `order` choosing between day-first and
/// month-first readings.
pub(crate) fn read_auto(
    text: &str,
    order: Option<DayMonth>,
    today: NaiveDate,
) -> Result<NaiveDate, AutoError> {
    let forms = forms_of(text, today);
    let fitting: Vec<DateForm> = forms
        .iter()
        .copied()
        .filter(|f| match (f.order(), order) {
            (Some(o), Some(want)) => o == want,
            _ => true,
        })
        .collect();
    match fitting.as_slice() {
        [one] => one.parse(text, today).map_err(|_| AutoError::NoForm),
        [] => match forms.first() {
            Some(form) => Err(AutoError::WrongOrder(*form)),
            None => Err(AutoError::NoForm),
        },
        several => Err(AutoError::Ambiguous(several.to_vec())),
    }
}

/// The latest year ending in `two_digits` (0 to 99) that is not after `today`'s year.
fn full_year(two_digits: i32, today: NaiveDate) -> i32 {
    let this = today.year();
    let year = this - this.rem_euclid(100) + two_digits;
    if year > this {
        year - 100
    } else {
        year
    }
}

/// A set of forms, one bit per form at its place in [`DateForm::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct FormSet(u16);

impl FormSet {
    fn with(self, form: DateForm) -> FormSet {
        FormSet(self.0 | form.bit())
    }

    /// The forms in [`DateForm::ALL`] order.
    fn iter(self) -> impl Iterator<Item = DateForm> {
        DateForm::ALL
            .into_iter()
            .filter(move |form| self.0 & form.bit() != 0)
    }
}

/// The forms that read `text` (already trimmed), Excel only from [`EXCEL_DETECT_MIN`].
fn fits(text: &str, today: NaiveDate) -> FormSet {
    let shape = scan(text);
    if let Shape::Serial { whole } = shape {
        if whole < EXCEL_DETECT_MIN {
            return FormSet::default();
        }
    }
    DateForm::ALL
        .into_iter()
        .filter(|form| matches!(read(*form, &shape, today), Some(Ok(_))))
        .fold(FormSet::default(), FormSet::with)
}

/// Why a value in the right shape for a form is still not a date.
#[derive(Debug)]
enum Problem {
    /// The numbers are in their places but the day does not exist (31 April, 29 February
    /// 2023).
    NotReal,
    /// The day's name written is not the date's.
    WrongDay { date: NaiveDate, written: Weekday },
    /// Excel's serial 60.
    ExcelFictitious,
    /// A serial outside 1 to 2958465.
    ExcelRange,
}

impl Problem {
    fn message(&self, text: &str) -> String {
        let text = quoted(text);
        match self {
            Problem::NotReal => format!("{text} is not a real date"),
            Problem::WrongDay { date, written } => format!(
                "{text} says {}, but {} is a {}",
                weekday_name(*written),
                date.format("%-d %B %Y"),
                weekday_name(date.weekday())
            ),
            Problem::ExcelFictitious => {
                format!("{text} is Excel's 29 February 1900, a day Excel counts that did not exist")
            }
            Problem::ExcelRange => format!(
                "{text} is not an Excel date serial number: they run from 1 (1900-01-01) \
                 to 2958465 (9999-12-31)"
            ),
        }
    }
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// A run of ASCII digits: its value and how many digits it has.
#[derive(Debug, Clone, Copy)]
struct Num {
    value: u32,
    digits: usize,
}

/// The shape a value is written in, found once and then read by each form, so that
/// [`fits`] scans a cell once however many forms it tries.
#[derive(Debug)]
enum Shape {
    /// Three runs of at most 9 digits joined by one separator (`-`, `/` or `.`), and
    /// nothing after but a well-formed time.
    Numeric {
        sep: u8,
        parts: [Num; 3],
    },
    /// A date with the month's name, its time (if any) well formed.
    Named(NamedDate),
    /// A bare number, maybe with a fraction after `.` or `,`: its whole part, saturated.
    Serial {
        whole: u64,
    },
    Other,
}

#[derive(Debug)]
struct NamedDate {
    /// Two or four digits.
    year: Num,
    /// 1 to 12.
    month: u32,
    /// 1 or 2 digits, not yet checked against the month.
    day: u32,
    weekday: Option<Weekday>,
}

#[derive(Debug, Clone, Copy)]
enum Order {
    Ymd,
    Dmy,
    Mdy,
}

/// Where a numeric form's numbers are.
struct Layout {
    sep: u8,
    order: Order,
    /// `YY` instead of `YYYY`.
    two_digit_year: bool,
}

fn scan(text: &str) -> Shape {
    if let Some(shape) = scan_numeric(text) {
        return shape;
    }
    if let Some(whole) = scan_serial(text) {
        return Shape::Serial { whole };
    }
    match scan_named(text) {
        Some(named) => Shape::Named(named),
        None => Shape::Other,
    }
}

/// A run of 1 to 9 digits at `at`, and where it ends.
fn digit_run(bytes: &[u8], at: usize) -> Option<(Num, usize)> {
    let run = bytes.get(at..)?;
    let digits = run.iter().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=9).contains(&digits) {
        return None;
    }
    let value = run[..digits]
        .iter()
        .fold(0, |value, b| value * 10 + u32::from(b - b'0'));
    Some((Num { value, digits }, at + digits))
}

fn scan_numeric(text: &str) -> Option<Shape> {
    let bytes = text.as_bytes();
    let (first, at) = digit_run(bytes, 0)?;
    let sep = *bytes.get(at)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let (second, at) = digit_run(bytes, at + 1)?;
    if bytes.get(at) != Some(&sep) {
        return None;
    }
    let (third, at) = digit_run(bytes, at + 1)?;
    // `at` follows an ASCII digit, so it is a char boundary.
    let rest = &text[at..];
    if !rest.is_empty() && !time_after(rest, first.digits == 4) {
        return None;
    }
    Some(Shape::Numeric {
        sep,
        parts: [first, second, third],
    })
}

fn scan_serial(text: &str) -> Option<u64> {
    let (whole, fraction) = match text.find(['.', ',']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || !fraction.is_none_or(all_digits) {
        return None;
    }
    Some(whole.bytes().fold(0u64, |value, b| {
        value.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    }))
}

/// How `form` reads a value of this shape: `None` if the shape is not the form's (or its
/// month or day cannot be one), otherwise the date or why there is no such day.
fn read(form: DateForm, shape: &Shape, today: NaiveDate) -> Option<Result<NaiveDate, Problem>> {
    match (form, shape) {
        (DateForm::Excel, Shape::Serial { whole }) => Some(excel_date(*whole)),
        (DateForm::Named, Shape::Named(named)) => Some(read_named(named, today)),
        (_, Shape::Numeric { sep, parts }) => {
            let layout = form.layout()?;
            if *sep != layout.sep {
                return None;
            }
            let [first, second, third] = *parts;
            let short = |n: Num| (1..=2).contains(&n.digits);
            let (year, month, day) = match layout.order {
                Order::Ymd => (first, second, third),
                Order::Dmy => (third, second, first),
                Order::Mdy => (third, first, second),
            };
            let year_digits = match layout.order {
                Order::Ymd => 4,
                Order::Dmy | Order::Mdy if layout.two_digit_year => 2,
                Order::Dmy | Order::Mdy => 4,
            };
            if year.digits != year_digits || !short(month) || !short(day) {
                return None;
            }
            // At most 4 digits, so the value fits an i32.
            let year = year.value as i32;
            let year = if layout.two_digit_year {
                full_year(year, today)
            } else {
                year
            };
            checked_date(year, month.value, day.value, None)
        }
        _ => None,
    }
}

fn read_named(named: &NamedDate, today: NaiveDate) -> Result<NaiveDate, Problem> {
    // Two or four digits, so the value fits an i32.
    let year = named.year.value as i32;
    let year = if named.year.digits == 2 {
        full_year(year, today)
    } else {
        year
    };
    match checked_date(year, named.month, named.day, named.weekday) {
        Some(result) => result,
        // `scan_named` keeps days to 1 to 31 and months to 1 to 12.
        None => Err(Problem::NotReal),
    }
}

/// `None` if the month or day cannot be one (the value is not in the form); otherwise the
/// date, or why there is no such day.
fn checked_date(
    year: i32,
    month: u32,
    day: u32,
    weekday: Option<Weekday>,
) -> Option<Result<NaiveDate, Problem>> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
        return Some(Err(Problem::NotReal));
    };
    Some(match weekday {
        Some(written) if written != date.weekday() => Err(Problem::WrongDay { date, written }),
        _ => Ok(date),
    })
}

/// Excel's 1900 system: serial 1 is 1900-01-01, so serials 1 to 59 are 1899-12-31 plus the
/// serial in days. Excel then counts a 29 February 1900 (serial 60) that did not exist, so
/// from serial 61 (1900-03-01) on each serial is one day more than a true count from
/// 1899-12-31: the date is 1899-12-30 plus the serial in days.
fn excel_date(serial: u64) -> Result<NaiveDate, Problem> {
    let base = match serial {
        1..EXCEL_FICTITIOUS => NaiveDate::from_ymd_opt(1899, 12, 31),
        EXCEL_FICTITIOUS => return Err(Problem::ExcelFictitious),
        61..=EXCEL_MAX => NaiveDate::from_ymd_opt(1899, 12, 30),
        _ => return Err(Problem::ExcelRange),
    };
    base.and_then(|base| base.checked_add_days(Days::new(serial)))
        .ok_or(Problem::ExcelRange)
}

/// A time after a date: after whitespace or a comma and whitespace (or, when
/// `allow_t`, right after a `T`), a well-formed time of day.
fn time_after(rest: &str, allow_t: bool) -> bool {
    if allow_t {
        if let Some(time) = rest.strip_prefix('T') {
            return is_time(time);
        }
    }
    let after_comma = rest.strip_prefix(',').unwrap_or(rest);
    let time = after_comma.trim_start();
    time.len() < after_comma.len() && is_time(time)
}

/// Reads a value from its start, ASCII letters matched in any case.
struct Cursor<'a> {
    rest: &'a str,
}

impl Cursor<'_> {
    fn eat(&mut self, prefix: &str) -> bool {
        match self.rest.get(..prefix.len()) {
            Some(head) if head.eq_ignore_ascii_case(prefix) => {
                self.rest = &self.rest[prefix.len()..];
                true
            }
            _ => false,
        }
    }

    /// A run of `min` to `max` (at most 9) digits: not a longer one.
    fn number(&mut self, min: usize, max: usize) -> Option<Num> {
        let (num, end) = digit_run(self.rest.as_bytes(), 0)?;
        if num.digits < min || num.digits > max {
            return None;
        }
        self.rest = &self.rest[end..];
        Some(num)
    }

    fn spaces(&mut self) {
        self.rest = self.rest.trim_start();
    }
}

/// `H:MM`, `H:MM:SS` or `H:MM:SS.fff` (hours 0-23, or 1-12 with `AM`/`PM`/`a.m.`/`p.m.`),
/// then maybe a zone (`Z`, `UTC`, `GMT`, `+H`, `+HHMM`, `+HH:MM`, `UTC+01:00`) and a zone
/// name in parentheses, as JavaScript writes `(Central European Summer Time)`.
fn is_time(text: &str) -> bool {
    let mut at = Cursor { rest: text };
    let Some(hour) = at.number(1, 2) else {
        return false;
    };
    if !at.eat(":") {
        return false;
    }
    let Some(minute) = at.number(2, 2) else {
        return false;
    };
    let mut second = 0;
    if at.eat(":") {
        let Some(s) = at.number(2, 2) else {
            return false;
        };
        second = s.value;
        if (at.eat(".") || at.eat(",")) && at.number(1, 9).is_none() {
            return false;
        }
    }
    at.spaces();
    let twelve_hour = at.eat("a.m.") || at.eat("p.m.") || at.eat("am") || at.eat("pm");
    let hours = if twelve_hour { 1..=12 } else { 0..=23 };
    // 60 is a leap second.
    if !hours.contains(&hour.value) || minute.value > 59 || second > 60 {
        return false;
    }
    at.spaces();
    if !at.eat("z") {
        let named = at.eat("utc") || at.eat("gmt");
        let signed = at.eat("+") || at.eat("-");
        if signed && !offset(&mut at) {
            return false;
        }
        if named || signed {
            at.spaces();
        }
    }
    at.spaces();
    if at.eat("(") {
        match at.rest.strip_suffix(')') {
            Some(name) if !name.contains(['(', ')']) => at.rest = "",
            _ => return false,
        }
    }
    at.rest.is_empty()
}

/// The numbers of a zone offset after its sign: `H`, `HH`, `HHMM` or `HH:MM`.
fn offset(at: &mut Cursor<'_>) -> bool {
    let Some(num) = at.number(1, 4) else {
        return false;
    };
    let (hours, minutes) = match num.digits {
        4 => (num.value / 100, num.value % 100),
        3 => return false,
        _ if at.eat(":") => match at.number(2, 2) {
            Some(minutes) => (num.value, minutes.value),
            None => return false,
        },
        _ => (num.value, 0),
    };
    hours <= 23 && minutes <= 59
}

/// Month names in English, German, French and Spanish, full and abbreviated, lowercase. A
/// word names one month in every language that has it (checked by a test).
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("jän", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("ene", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("feber", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fevr", 2),
    ("febrero", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mrz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("abr", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("ago", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("diciembre", 12),
    ("dic", 12),
];

/// Day names in the same languages, lowercase. Some are also month abbreviations (`mar` is
/// Tuesday in French and Spanish); a day's name is only looked for before the month's.
const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("mon", Weekday::Mon),
    ("montag", Weekday::Mon),
    ("mo", Weekday::Mon),
    ("lundi", Weekday::Mon),
    ("lunes", Weekday::Mon),
    ("lun", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("tue", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("dienstag", Weekday::Tue),
    ("di", Weekday::Tue),
    ("mardi", Weekday::Tue),
    ("martes", Weekday::Tue),
    ("mar", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("wed", Weekday::Wed),
    ("mittwoch", Weekday::Wed),
    ("mi", Weekday::Wed),
    ("mercredi", Weekday::Wed),
    ("mer", Weekday::Wed),
    ("miércoles", Weekday::Wed),
    ("miercoles", Weekday::Wed),
    ("mié", Weekday::Wed),
    ("mie", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("thu", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("donnerstag", Weekday::Thu),
    ("do", Weekday::Thu),
    ("jeudi", Weekday::Thu),
    ("jeu", Weekday::Thu),
    ("jueves", Weekday::Thu),
    ("jue", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("fri", Weekday::Fri),
    ("freitag", Weekday::Fri),
    ("fr", Weekday::Fri),
    ("vendredi", Weekday::Fri),
    ("ven", Weekday::Fri),
    ("viernes", Weekday::Fri),
    ("vie", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sat", Weekday::Sat),
    ("samstag", Weekday::Sat),
    ("sonnabend", Weekday::Sat),
    ("sa", Weekday::Sat),
    ("samedi", Weekday::Sat),
    ("sam", Weekday::Sat),
    ("sábado", Weekday::Sat),
    ("sabado", Weekday::Sat),
    ("sáb", Weekday::Sat),
    ("sab", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("sun", Weekday::Sun),
    ("sonntag", Weekday::Sun),
    ("so", Weekday::Sun),
    ("dimanche", Weekday::Sun),
    ("dim", Weekday::Sun),
    ("domingo", Weekday::Sun),
    ("dom", Weekday::Sun),
];

/// Words that join a named date's parts and carry nothing: `13 de septiembre de 2024`,
/// `September 13, 2024 at 5:52 PM`, `le vendredi 13 septembre 2024 à 17:52`.
const FILLERS: &[&str] = &["de", "del", "of", "the", "at", "um", "à", "le", "el"];

/// The suffixes of ordinal days: `13th`, `1st`, French `1er`.
const ORDINALS: &[&str] = &["st", "nd", "rd", "th", "er"];

fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    table
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, value)| *value)
}

/// One part of a named date.
enum Token {
    Number(Num),
    /// Lowercase.
    Word(String),
}

/// The start of the first `H:` or `HH:` (a run of 1 or 2 digits followed by a colon): where
/// a named date's time begins.
fn time_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&at| {
        if !bytes[at].is_ascii_digit() || (at > 0 && bytes[at - 1].is_ascii_digit()) {
            return false;
        }
        // Counting at most 3 keeps a long run of digits from costing its length squared.
        let digits = bytes[at..]
            .iter()
            .take(3)
            .take_while(|b| b.is_ascii_digit())
            .count();
        (1..=2).contains(&digits) && bytes.get(at + digits) == Some(&b':')
    })
}

fn scan_named(text: &str) -> Option<NamedDate> {
    // A run of ASCII digits starts at a char boundary.
    let date = match time_start(text) {
        Some(at) if is_time(&text[at..]) => &text[..at],
        Some(_) => return None,
        None => text,
    };
    let mut tokens = Vec::new();
    let separator = |c: char| c.is_whitespace() || matches!(c, ',' | '-' | '.' | '/');
    for piece in date.split(separator).filter(|piece| !piece.is_empty()) {
        let digits = piece.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            // 13, 13th, 1er: the suffix is ASCII when it is an ordinal's.
            let suffix = &piece[digits..];
            if !suffix.is_empty() && !ORDINALS.iter().any(|o| suffix.eq_ignore_ascii_case(o)) {
                return None;
            }
            tokens.push(Token::Number(digit_run(piece.as_bytes(), 0)?.0));
        } else if piece.chars().all(char::is_alphabetic) {
            let word = piece.to_lowercase();
            if !FILLERS.contains(&word.as_str()) {
                tokens.push(Token::Word(word));
            }
        } else {
            return None;
        }
        if tokens.len() > 4 {
            return None;
        }
    }
    let (weekday, rest) = match tokens.as_slice() {
        [Token::Word(day), rest @ ..] if rest.len() == 3 => (Some(lookup(WEEKDAYS, day)?), rest),
        rest => (None, rest),
    };
    let short = |n: &Num| (1..=2).contains(&n.digits);
    let year_like = |n: &Num| n.digits == 2 || n.digits == 4;
    let (year, month, day) = match rest {
        [Token::Number(year), Token::Word(month), Token::Number(day)] if year.digits == 4 => {
            (year, month, day)
        }
        [Token::Number(day), Token::Word(month), Token::Number(year)]
        | [Token::Word(month), Token::Number(day), Token::Number(year)] => (year, month, day),
        _ => return None,
    };
    if !short(day) || !year_like(year) || !(1..=31).contains(&day.value) {
        return None;
    }
    Some(NamedDate {
        year: *year,
        month: lookup(MONTHS, month)?,
        day: day.value,
        weekday,
    })
}

/// What a strftime pattern has fields for.
struct PatternFields {
    year: bool,
    month: bool,
    day: bool,
    time: bool,
}

impl PatternFields {
    fn of(pattern: &str) -> Result<PatternFields, String> {
        let mut fields = PatternFields {
            year: false,
            month: false,
            day: false,
            time: false,
        };
        // `%C` alone is only the century: a year needs `%y` with it.
        let mut year_mod_100 = false;
        for item in StrftimeItems::new(pattern) {
            match item {
                Item::Error => {
                    return Err(format!(
                        "'{pattern}' is not a date format: each % must be followed by one \
                         of chrono's letters, such as %Y, %m, %d, %B or %H"
                    ))
                }
                Item::Numeric(Numeric::Year, _) => fields.year = true,
                Item::Numeric(Numeric::YearMod100, _) => year_mod_100 = true,
                Item::Numeric(Numeric::Month, _)
                | Item::Fixed(Fixed::ShortMonthName | Fixed::LongMonthName) => fields.month = true,
                Item::Numeric(Numeric::Day, _) => fields.day = true,
                Item::Fixed(Fixed::RFC2822 | Fixed::RFC3339) => {
                    fields.year = true;
                    fields.month = true;
                    fields.day = true;
                    fields.time = true;
                }
                Item::Numeric(
                    Numeric::Hour
                    | Numeric::Hour12
                    | Numeric::Minute
                    | Numeric::Second
                    | Numeric::Nanosecond,
                    _,
                ) => fields.time = true,
                _ => {}
            }
        }
        fields.year |= year_mod_100;
        Ok(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::DateForm::*;
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn parse(form: DateForm, text: &str) -> Result<NaiveDate, String> {
        form.parse(text, today())
    }

    fn pattern(pattern: &str, text: &str) -> Result<NaiveDate, String> {
        parse_with_pattern(pattern, text, today())
    }

    #[test]
    fn iso_with_and_without_time() {
        let march_5 = Ok(ymd(2024, 3, 5));
        for text in [
            "2024-03-05",
            "2024-3-5",
            " 2024-03-05 ",
            "2024-03-05T14:15:00Z",
            "2024-03-05T14:15:00.123+02:00",
            "2024-03-05T14:15:00,5-05:00",
            "2024-03-05 14:15",
            "2024-03-05 14:15:00 +0100",
            "2024-03-05 14:15:00 UTC",
            "2024-03-05 14:15:00 GMT+01:00",
            "2024-03-05 14:15 UTC+1",
            "2024-03-05T00:00:00",
            "2024-03-05T23:59:60Z",
        ] {
            assert_eq!(parse(Iso, text), march_5, "{text}");
            assert_eq!(forms_of(text, today()), vec![Iso], "{text}");
        }
        assert_eq!(parse(Iso, "2025-03-03 14:15:00 UTC"), Ok(ymd(2025, 3, 3)));
    }

    #[test]
    fn a_zone_never_moves_the_date() {
        assert_eq!(parse(Iso, "2024-03-05T23:30:00-10:00"), Ok(ymd(2024, 3, 5)));
        assert_eq!(parse(Iso, "2024-03-05T00:30:00+14:00"), Ok(ymd(2024, 3, 5)));
    }

    #[test]
    fn bad_times_are_not_dates() {
        for text in [
            "2024-03-05 24:00",
            "2024-03-05 14:60",
            "2024-03-05 14:5",
            "2024-03-05 14",
            "2024-03-05 lunch",
            "2024-03-05T",
            "2024-03-0514:15",
            "2024-03-05 13:00 PM",
            "2024-03-05 14:15 +123",
            "2024-03-05 14:15 (CET",
        ] {
            assert_eq!(
                parse(Iso, text),
                Err(format!("'{text}' is not a date in the form YYYY-MM-DD")),
                "{text}"
            );
            assert!(forms_of(text, today()).is_empty(), "{text}");
        }
    }

    #[test]
    fn t_only_follows_a_year() {
        assert!(parse(DmyDots, "15.03.2024T13:45").is_err());
        assert_eq!(parse(YmdSlash, "2024/03/15T13:45"), Ok(ymd(2024, 3, 15)));
    }

    #[test]
    fn ymd_slash() {
        assert_eq!(parse(YmdSlash, "2024/03/15"), Ok(ymd(2024, 3, 15)));
        assert_eq!(parse(YmdSlash, "2024/3/5 17:52"), Ok(ymd(2024, 3, 5)));
        assert_eq!(forms_of("2024/03/15", today()), vec![YmdSlash]);
        assert!(parse(Iso, "2024/03/15").is_err());
    }

    #[test]
    fn day_month_year_with_dots() {
        assert_eq!(parse(DmyDots, "15.03.2024"), Ok(ymd(2024, 3, 15)));
        assert_eq!(parse(DmyDots, "5.3.2024"), Ok(ymd(2024, 3, 5)));
        assert_eq!(parse(DmyDots, "15.03.2024 13:45"), Ok(ymd(2024, 3, 15)));
        assert_eq!(parse(DmyDots, "15.03.2024 13:45:00"), Ok(ymd(2024, 3, 15)));
        assert_eq!(parse(DmyDots, "15.03.2024, 13:45"), Ok(ymd(2024, 3, 15)));
        assert_eq!(forms_of("15.03.2024", today()), vec![DmyDots]);
        assert_eq!(
            parse(DmyDots, "31.04.2024"),
            Err("'31.04.2024' is not a real date".to_owned())
        );
        assert_eq!(parse(DmyDots2, "15.03.24"), Ok(ymd(2024, 3, 15)));
        assert_eq!(parse(DmyDots2, "15.03.24 13:45"), Ok(ymd(2024, 3, 15)));
        assert_eq!(forms_of("15.03.24", today()), vec![DmyDots2]);
        assert!(parse(DmyDots2, "15.03.2024").is_err());
        assert!(parse(DmyDots, "15.03.24").is_err());
    }

    #[test]
    fn slashes_both_ways() {
        assert_eq!(parse(MdySlash, "03/04/2024"), Ok(ymd(2024, 3, 4)));
        assert_eq!(parse(DmySlash, "03/04/2024"), Ok(ymd(2024, 4, 3)));
        assert_eq!(parse(MdySlash, "3/4/2024 5:52 PM"), Ok(ymd(2024, 3, 4)));
        assert_eq!(parse(MdySlash, "3/4/2024 5:52 pm"), Ok(ymd(2024, 3, 4)));
        assert_eq!(
            parse(MdySlash, "3/4/2024 5:52:07 a.m."),
            Ok(ymd(2024, 3, 4))
        );
        assert_eq!(parse(MdySlash, "3/4/2024, 5:52:07PM"), Ok(ymd(2024, 3, 4)));
        assert_eq!(parse(DmySlash, "03/04/2024 17:52:00"), Ok(ymd(2024, 4, 3)));
        assert_eq!(parse(DmySlash, "15/04/2019"), Ok(ymd(2019, 4, 15)));
        assert_eq!(
            parse(MdySlash, "13/45/2024"),
            Err("'13/45/2024' is not a date in the form MM/DD/YYYY".to_owned())
        );
        assert_eq!(
            parse(MdySlash, "15/04/2019"),
            Err("'15/04/2019' is not a date in the form MM/DD/YYYY".to_owned())
        );
        assert_eq!(parse(MdySlash2, "03/04/24"), Ok(ymd(2024, 3, 4)));
        assert_eq!(parse(DmySlash2, "03/04/24 5:52 PM"), Ok(ymd(2024, 4, 3)));
        assert_eq!(forms_of("15/04/2019", today()), vec![DmySlash]);
        assert_eq!(forms_of("04/15/2019", today()), vec![MdySlash]);
        assert_eq!(forms_of("03/04/2019", today()), vec![MdySlash, DmySlash]);
        assert_eq!(forms_of("03/04/19", today()), vec![MdySlash2, DmySlash2]);
        assert_eq!(
            forms_of("3/4/2024 5:52 PM", today()),
            vec![MdySlash, DmySlash]
        );
    }

    #[test]
    fn dashes_day_or_month_first() {
        assert_eq!(parse(DmyDash, "15-03-2024"), Ok(ymd(2024, 3, 15)));
        assert_eq!(parse(MdyDash, "03-15-2024 08:00"), Ok(ymd(2024, 3, 15)));
        assert_eq!(forms_of("15-03-2024", today()), vec![DmyDash]);
        assert_eq!(forms_of("03-04-2024", today()), vec![DmyDash, MdyDash]);
        assert!(parse(Iso, "15-03-2024").is_err());
    }

    #[test]
    fn month_ends_and_leap_years() {
        assert_eq!(
            parse(Iso, "2023-02-29"),
            Err("'2023-02-29' is not a real date".to_owned())
        );
        assert_eq!(parse(Iso, "2024-02-29"), Ok(ymd(2024, 2, 29)));
        assert!(parse(Iso, "1900-02-29").is_err());
        assert_eq!(parse(Iso, "2000-02-29"), Ok(ymd(2000, 2, 29)));
        assert!(parse(DmySlash, "31/06/2024").is_err());
        assert!(parse(Named, "31 April 2024").is_err());
        assert_eq!(parse(Iso, "2024-12-31"), Ok(ymd(2024, 12, 31)));
        assert!(forms_of("2023-02-29", today()).is_empty());
        assert!(forms_of("31/04/2019", today()).is_empty());
        assert_eq!(
            parse(Iso, "2024-13-01"),
            Err("'2024-13-01' is not a date in the form YYYY-MM-DD".to_owned())
        );
        assert!(parse(Iso, "2024-00-10").is_err());
        assert!(parse(Iso, "2024-01-00").is_err());
    }

    #[test]
    fn two_digit_years_around_the_pivot() {
        assert_eq!(full_year(85, today()), 1985);
        assert_eq!(full_year(26, today()), 2026);
        assert_eq!(full_year(27, today()), 1927);
        assert_eq!(full_year(0, today()), 2000);
        assert_eq!(full_year(99, today()), 1999);
        let new_year = ymd(2000, 1, 1);
        assert_eq!(full_year(0, new_year), 2000);
        assert_eq!(full_year(1, new_year), 1901);
        assert_eq!(parse(DmyDots2, "01.01.85"), Ok(ymd(1985, 1, 1)));
        assert_eq!(parse(DmyDots2, "31.12.26"), Ok(ymd(2026, 12, 31)));
        assert_eq!(parse(DmySlash2, "01/01/27"), Ok(ymd(1927, 1, 1)));
        assert_eq!(parse(Named, "13-Sep-27"), Ok(ymd(1927, 9, 13)));
        assert_eq!(pattern("%d.%m.%y", "01.01.27"), Ok(ymd(1927, 1, 1)));
        assert_eq!(pattern("%d.%m.%y", "01.01.69"), Ok(ymd(1969, 1, 1)));
        assert_eq!(pattern("%d.%m.%y", "01.01.26"), Ok(ymd(2026, 1, 1)));
        // 29 February exists in 2000 and not in 1900: the rule picks the year first.
        assert_eq!(
            DmyDots2.parse("29.02.00", ymd(2026, 1, 1)),
            Ok(ymd(2000, 2, 29))
        );
        assert!(DmyDots2.parse("29.02.00", ymd(1999, 1, 1)).is_err());
    }

    #[test]
    fn named_dates() {
        let friday = Ok(ymd(2024, 9, 13));
        for text in [
            "Friday, 13 September 2024, 5:52 PM",
            "13 September 2024",
            "13 Sep 2024",
            "Sep 13, 2024",
            "September 13, 2024",
            "13-Sep-2024",
            "13-Sep-24",
            "Fri Sep 13 2024",
            "Fri Sep 13 2024 17:52:00 GMT+0200 (Central European Summer Time)",
            "Fri, 13 Sep 2024 17:52:00 +0000",
            "13. September 2024",
            "13 sept. 2024",
            "13 SEPTEMBER 2024",
            "September 13th, 2024 at 5:52 PM",
            "2024 Sep 13",
            "Freitag, 13. September 2024, 17:52",
            "Fr, 13. Sep. 2024",
            "vendredi 13 septembre 2024 à 17:52",
            "le vendredi 13 septembre 2024",
            "viernes, 13 de septiembre de 2024",
            "13 de setiembre de 2024",
            "13\u{a0}September\u{a0}2024",
        ] {
            assert_eq!(parse(Named, text), friday, "{text}");
            assert_eq!(forms_of(text, today()), vec![Named], "{text}");
        }
        assert_eq!(parse(Named, "1er mars 2024"), Ok(ymd(2024, 3, 1)));
        assert_eq!(parse(Named, "3. März 2024"), Ok(ymd(2024, 3, 3)));
        assert_eq!(parse(Named, "Mar 3, 2024"), Ok(ymd(2024, 3, 3)));
        assert_eq!(parse(Named, "mar. 5 mars 2024"), Ok(ymd(2024, 3, 5)));
        assert_eq!(parse(Named, "2 août 2024"), Ok(ymd(2024, 8, 2)));
        assert_eq!(parse(Named, "15 dic 2024"), Ok(ymd(2024, 12, 15)));
    }

    #[test]
    fn not_named_dates() {
        for text in [
            "September 2024",
            "13 Septober 2024",
            "Friday 13",
            "13 Sep 2024 5:52 XM",
            "Sep 13 202414:15",
            "13 Sep 2024 extra",
            "Sep13 2024",
            "13 Sep 202",
            "132 Sep 2024",
            "45 Sep 2024",
            "Friday Friday 13 Sep 2024",
            "13 Sep 2024 Friday",
            "13 Sep 2024 (Friday)",
        ] {
            assert_eq!(
                parse(Named, text),
                Err(format!(
                    "'{text}' is not a date with the month's name, like 13 September 2024"
                )),
                "{text}"
            );
            assert!(forms_of(text, today()).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_wrong_day_name_is_an_error() {
        assert_eq!(
            parse(Named, "Thursday, 13 September 2024"),
            Err(
                "'Thursday, 13 September 2024' says Thursday, but 13 September 2024 is a Friday"
                    .to_owned()
            )
        );
        assert!(forms_of("Thursday, 13 September 2024", today()).is_empty());
        assert!(parse(Named, "Thu Sep 13 2024").is_err());
        assert!(parse(Named, "Donnerstag, 13. September 2024").is_err());
    }

    #[test]
    fn excel_serials() {
        assert_eq!(parse(Excel, "1"), Ok(ymd(1900, 1, 1)));
        assert_eq!(parse(Excel, "59"), Ok(ymd(1900, 2, 28)));
        assert_eq!(
            parse(Excel, "60"),
            Err(
                "'60' is Excel's 29 February 1900, a day Excel counts that did not exist"
                    .to_owned()
            )
        );
        assert_eq!(parse(Excel, "61"), Ok(ymd(1900, 3, 1)));
        assert_eq!(parse(Excel, "25569"), Ok(ymd(1970, 1, 1)));
        assert_eq!(parse(Excel, "43831"), Ok(ymd(2020, 1, 1)));
        assert_eq!(parse(Excel, "41565"), Ok(ymd(2013, 10, 18)));
        assert_eq!(parse(Excel, "41566"), Ok(ymd(2013, 10, 19)));
        assert_eq!(parse(Excel, "41566.75"), Ok(ymd(2013, 10, 19)));
        assert_eq!(parse(Excel, "41566,99999"), Ok(ymd(2013, 10, 19)));
        assert_eq!(parse(Excel, "2958465"), Ok(ymd(9999, 12, 31)));
        assert!(parse(Excel, "2958466").is_err());
        assert!(parse(Excel, "99999999999999999999999").is_err());
        assert!(parse(Excel, "0").is_err());
        assert!(parse(Excel, "-5").is_err());
        assert!(parse(Excel, "41566.").is_err());
        assert!(parse(Excel, ".5").is_err());
        assert!(parse(Excel, "41 566").is_err());
        assert_eq!(
            parse(Excel, "2024-03-05"),
            Err("'2024-03-05' is not an Excel date serial number".to_owned())
        );
    }

    #[test]
    fn small_numbers_are_not_detected_as_excel() {
        assert!(forms_of("1985", today()).is_empty());
        assert!(forms_of("9999", today()).is_empty());
        assert!(forms_of("1985.5", today()).is_empty());
        assert!(forms_of("15.03", today()).is_empty());
        assert_eq!(forms_of("10000", today()), vec![Excel]);
        assert_eq!(forms_of("41566", today()), vec![Excel]);
        assert_eq!(forms_of("41566.5", today()), vec![Excel]);
        assert!(forms_of("3000000", today()).is_empty());
        assert!(forms_of("20240315", today()).is_empty());
        assert_eq!(parse(Excel, "1985"), Ok(ymd(1905, 6, 7)));
    }

    #[test]
    fn parse_excel_takes_serials_and_iso() {
        assert_eq!(parse_excel("41566"), Ok(ymd(2013, 10, 19)));
        assert_eq!(parse_excel(" 45292.5 "), Ok(ymd(2024, 1, 1)));
        assert_eq!(parse_excel("1985"), Ok(ymd(1905, 6, 7)));
        assert_eq!(parse_excel("2024-03-05"), Ok(ymd(2024, 3, 5)));
        assert_eq!(parse_excel("2024-03-05T10:00:00Z"), Ok(ymd(2024, 3, 5)));
        assert_eq!(
            parse_excel("2024-02-30"),
            Err("'2024-02-30' is not a real date".to_owned())
        );
        assert!(parse_excel("60").is_err());
        assert_eq!(
            parse_excel("05/03/2024"),
            Err("'05/03/2024' is not an Excel date serial number or a YYYY-MM-DD date".to_owned())
        );
        assert!(parse_excel("13 Sep 2024").is_err());
        assert!(parse_excel("").is_err());
    }

    #[test]
    fn forms_of_agrees_with_parse() {
        let values = [
            "",
            "  ",
            "2024-03-05",
            "2024-3-5 14:15",
            "2024/03/05",
            "05.03.2024",
            "05.03.24",
            "03/04/2019",
            "15/04/2019",
            "04/15/2019",
            "03/04/19",
            "15/04/19",
            "03-04-2024",
            "15-04-2024",
            "04-15-2024",
            "13 Sep 2024",
            "Thu 13 Sep 2024",
            "41566",
            "41566.5",
            "31.04.2024",
            "2023-02-29",
            "n/a",
            "yes",
            "2024-03",
            "2024-03-05-01",
            "0/0/0",
            "3000000",
            "00/00/2024",
            "1/1/1",
        ];
        for text in values {
            let forms = forms_of(text, today());
            for form in DateForm::ALL {
                assert_eq!(
                    forms.contains(&form),
                    parse(form, text).is_ok(),
                    "{text} in {form:?}"
                );
            }
        }
        assert!(forms_of("", today()).is_empty());
    }

    #[test]
    fn labels_and_mapping_formats() {
        let labels: Vec<_> = DateForm::ALL.iter().map(|form| form.label()).collect();
        assert_eq!(
            labels,
            [
                "YYYY-MM-DD",
                "YYYY/MM/DD",
                "DD.MM.YYYY",
                "DD.MM.YY",
                "MM/DD/YYYY",
                "DD/MM/YYYY",
                "MM/DD/YY",
                "DD/MM/YY",
                "DD-MM-YYYY",
                "MM-DD-YYYY",
                "a date with the month's name",
                "an Excel date serial number",
            ]
        );
        for form in DateForm::ALL {
            assert_eq!(check_pattern(form.mapping_format()), Ok(()), "{form:?}");
        }
        // The pattern a detected form saves reads what the form read.
        let samples = [
            (Iso, "2024-03-05T14:15:00.123+02:00"),
            (YmdSlash, "2024/3/5"),
            (DmyDots, "15.03.2024 13:45"),
            (DmyDots2, "15.03.85"),
            (MdySlash, "3/4/2024 5:52 PM"),
            (DmySlash, "03/04/2024 17:52:00"),
            (MdySlash2, "03/04/27"),
            (DmySlash2, "03/04/24"),
            (DmyDash, "15-03-2024"),
            (MdyDash, "03-15-2024"),
            (Named, "13 Sep 2024"),
        ];
        for (form, text) in samples {
            assert_eq!(
                pattern(form.mapping_format(), text),
                parse(form, text),
                "{form:?} {text}"
            );
        }
        assert_eq!(parse_excel("41566"), Excel.parse("41566", today()));
    }

    #[test]
    fn all_is_every_form_once() {
        let mut bits = 0u16;
        for form in DateForm::ALL {
            assert_eq!(bits & form.bit(), 0);
            bits |= form.bit();
        }
        assert_eq!(bits.count_ones() as usize, DateForm::ALL.len());
    }

    #[test]
    fn name_tables_agree_across_languages() {
        for (at, (name, month)) in MONTHS.iter().enumerate() {
            assert!((1..=12).contains(month));
            assert_eq!(*name, name.to_lowercase());
            for (other, other_month) in &MONTHS[at + 1..] {
                assert!(name != other || month == other_month, "{name}");
            }
        }
        for (at, (name, day)) in WEEKDAYS.iter().enumerate() {
            assert_eq!(*name, name.to_lowercase());
            for (other, other_day) in &WEEKDAYS[at + 1..] {
                assert!(name != other || day == other_day, "{name}");
            }
        }
    }

    #[test]
    fn check_pattern_accepts_dates() {
        for good in [
            "excel",
            "auto",
            "%Y-%m-%d",
            "%d.%m.%Y %H:%M",
            "%m/%d/%Y",
            "%A, %d %B %Y, %I:%M %p",
            "%Y-%m-%d %H:%M:%S UTC",
            "%e %b %y",
            "%d %h %C%y",
            "%F",
            "%D",
            "%x",
            "%v",
            "%c",
            "%+",
        ] {
            assert_eq!(check_pattern(good), Ok(()), "{good}");
        }
    }

    #[test]
    fn check_pattern_errors() {
        assert_eq!(check_pattern("%Y-%m"), Err("'%Y-%m' has no day".to_owned()));
        assert_eq!(
            check_pattern("%d.%m"),
            Err("'%d.%m' has no year".to_owned())
        );
        assert_eq!(
            check_pattern("%C-%m-%d"),
            Err("'%C-%m-%d' has no year".to_owned())
        );
        assert_eq!(
            check_pattern("%Y-%j"),
            Err("'%Y-%j' has no month or day".to_owned())
        );
        assert_eq!(
            check_pattern("%H:%M"),
            Err("'%H:%M' has no year, month or day".to_owned())
        );
        assert_eq!(
            check_pattern(""),
            Err("'' has no year, month or day".to_owned())
        );
        assert_eq!(
            check_pattern("Excel"),
            Err("'Excel' has no year, month or day".to_owned())
        );
        for bad in ["%Q-%m-%d", "%Y-%m-%d%", "%Y-%m-%"] {
            assert_eq!(
                check_pattern(bad),
                Err(format!(
                    "'{bad}' is not a date format: each % must be followed by one of \
                     chrono's letters, such as %Y, %m, %d, %B or %H"
                )),
                "{bad}"
            );
        }
    }

    #[test]
    fn user_patterns() {
        assert_eq!(pattern("%m/%d/%Y", "03/04/2024"), Ok(ymd(2024, 3, 4)));
        assert_eq!(pattern("%m/%d/%Y", " 3/4/2024 "), Ok(ymd(2024, 3, 4)));
        assert_eq!(
            pattern(
                "%A, %d %B %Y, %I:%M %p",
                "Friday, 13 September 2024, 5:52 PM"
            ),
            Ok(ymd(2024, 9, 13))
        );
        assert_eq!(
            pattern("%d.%m.%Y %H:%M", "15.03.2024 13:45"),
            Ok(ymd(2024, 3, 15))
        );
        assert_eq!(
            pattern("%Y-%m-%d %H:%M:%S UTC", "2025-03-03 14:15:00 UTC"),
            Ok(ymd(2025, 3, 3))
        );
        assert_eq!(
            pattern("%Y-%m-%dT%H:%M:%S%z", "2024-03-05T23:30:00-10:00"),
            Ok(ymd(2024, 3, 5))
        );
        assert_eq!(
            pattern("%+", "2024-03-05T23:30:00-10:00"),
            Ok(ymd(2024, 3, 5))
        );
        assert_eq!(pattern("%d %b %C%y", "13 Sep 2024"), Ok(ymd(2024, 9, 13)));
        assert_eq!(pattern("%F", "2024-09-13"), Ok(ymd(2024, 9, 13)));
        assert_eq!(pattern("%D", "09/13/85"), Ok(ymd(1985, 9, 13)));
    }

    #[test]
    fn user_pattern_errors() {
        assert_eq!(
            pattern("%Y-%m-%d", "2024-13-01"),
            Err("'2024-13-01' does not match the format '%Y-%m-%d'".to_owned())
        );
        assert_eq!(
            pattern("%Y-%m-%d", "2024-02-30"),
            Err("'2024-02-30' is not a real date".to_owned())
        );
        assert_eq!(
            pattern("%Y-%m-%d", "2024-02-29x"),
            Err("'2024-02-29x' does not match the format '%Y-%m-%d'".to_owned())
        );
        assert!(pattern("%Y-%m-%d", "").is_err());
        assert!(pattern("%d.%m.%Y", "2024-03-05").is_err());
        assert_eq!(
            pattern("%A, %d %B %Y", "Thursday, 13 September 2024"),
            Err(
                "'Thursday, 13 September 2024' says Thursday, but 13 September 2024 is a Friday"
                    .to_owned()
            )
        );
        // A time the pattern has fields for must be the whole rest.
        assert!(pattern("%Y-%m-%d %H:%M", "2024-03-05 14:15:00").is_err());
        assert!(pattern("%Y-%m-%d %H:%M", "2024-03-05 14:15 14:15").is_err());
        // A time the pattern does not mention is dropped; anything else is not.
        assert_eq!(pattern("%Y-%m-%d", "2024-03-05 14:15"), Ok(ymd(2024, 3, 5)));
        assert!(pattern("%Y-%m-%d", "2024-03-05 later").is_err());
        assert!(pattern("%Y-%m-%d", "2024-03-0514:15").is_err());
        assert_eq!(
            pattern("%Y-%m", "2024-03"),
            Err("'%Y-%m' has no day".to_owned())
        );
        assert!(pattern("%Q", "2024").is_err());
        assert_eq!(
            pattern("%Y %y-%m-%d", "2024 25-03-05"),
            Err("'2024 25-03-05' does not match the format '%Y %y-%m-%d'".to_owned())
        );
        assert_eq!(pattern("%Y %y-%m-%d", "2024 24-03-05"), Ok(ymd(2024, 3, 5)));
        assert_eq!(pattern("%d/%m/%Y %p", "05/03/2024 PM"), Ok(ymd(2024, 3, 5)));
    }

    #[test]
    fn long_values_are_quoted_short() {
        let long = format!("2024-03-05{}", "9".repeat(100));
        let message = parse(Iso, &long).unwrap_err();
        assert!(message.len() < 120, "{message}");
        assert!(message.contains('…'));
    }
}
