//! The words real exports use: the column headers HR systems and LMSs put on their reports,
//! and the status words in their cells, as Upskill's fields and values.
//!
//! Owns recognising a file without a user mapping: which Upskill field a header names (and how
//! sure that is), whether an employment or completion status word means yes or no, whether a
//! manager cell means "no manager", and whether a cell labels a totals row. It decides nothing
//! about a file as a whole (which of two candidate columns wins, what a manager reference
//! points at, what an empty cell means): that is the caller's, with the ranks given here.
//!
//! It is data, not logic, on purpose: every vendor names the same thing differently, and the
//! only honest way to support one more export is to add its words to a table, with a comment
//! naming who uses them, and a test with its real header row. Headers are compared by
//! [`header_key`], so case, spacing, punctuation and accents never need their own entries.
//!
//! Sources for the tables: the vendors' report and import documentation (BambooHR, Workday,
//! HiBob, Personio, SAP SuccessFactors user data file, ADP Workforce Now, Rippling, Gusto,
//! Frappe HRMS, Odoo `hr.employee`, Moodle, Docebo, LinkedIn Learning, Udemy Business,
//! Pluralsight) and the German, French and Spanish labels of HR exports.

/// The record kinds whose headers are recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VocabKind {
    Employees,
    Programs,
    Completions,
}

/// A header the vocabulary knows: the Upskill field it holds and how sure the match is
/// (0 = the field's own name or an exact standard synonym; higher = weaker, used only when no
/// stronger header for the same field is in the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Recognised {
    pub field: &'static str,
    pub rank: u8,
}

/// One vocabulary entry: (header key, Upskill field, rank).
type Entry = (&'static str, &'static str, u8);

/// Canonical comparison key of a header: lower-case; letters with accents/umlauts folded to
/// ASCII (ä→a, ö→o, ü→u, ß→ss, é→e, ñ→n, ç→c...); '#' becomes the word "number"; "no." /
/// "nr." / "nº" as a word become "number"; every run of other non-alphanumeric characters
/// (spaces, _ - / . ( ) : etc.) becomes one '_', trimmed at both ends; a leading BOM
/// (\u{FEFF}) ignored. So "Employee #" → "employee_number", "Vorgesetzte/r" → "vorgesetzte_r",
/// "E-Mail (geschäftlich)" → "e_mail_geschaftlich", "Email - Primary Work" →
/// "email_primary_work", " EMPLOYEE_ID " → "employee_id".
///
/// Also: '%' becomes the word "percent" (LMS progress columns are "% Complete"), combining
/// accents and zero-width characters are dropped, and letters of other scripts are kept
/// (lower-cased) so such headers still compare, they are just not in the tables.
pub(crate) fn header_key(header: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for upper in header.chars() {
        for c in upper.to_lowercase() {
            match c {
                // BOM, zero-width space/joiners, word joiner: not characters of the header.
                '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' => {}
                // Combining accents of decomposed text: "e\u{301}" is "é", which folds to "e".
                '\u{0300}'..='\u{036F}' => {}
                '#' => {
                    flush(&mut words, &mut word);
                    words.push("number".to_owned());
                }
                '%' => {
                    flush(&mut words, &mut word);
                    words.push("percent".to_owned());
                }
                // "Nº", "N°": the Spanish/French/Portuguese number sign.
                'º' | '°' if word == "n" => {
                    word.clear();
                    word.push_str("number");
                    flush(&mut words, &mut word);
                }
                _ => {
                    if c.is_ascii_alphanumeric() {
                        word.push(c);
                    } else if let Some(folded) = fold(c) {
                        word.push_str(folded);
                    } else if c.is_alphanumeric() {
                        word.push(c);
                    } else {
                        // "No." / "Nr.": the abbreviation of number, only with its dot ("No"
                        // alone is the word no).
                        if c == '.' && (word == "no" || word == "nr") {
                            word.clear();
                            word.push_str("number");
                        }
                        flush(&mut words, &mut word);
                    }
                }
            }
        }
    }
    flush(&mut words, &mut word);
    words.join("_")
}

/// Ends the current word of [`header_key`].
fn flush(words: &mut Vec<String>, word: &mut String) {
    if !word.is_empty() {
        words.push(std::mem::take(word));
    }
}

/// A lower-case Latin letter with a diacritic (or a ligature) as plain ASCII.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ß' => "ss",
        'ś' | 'š' | 'ş' => "s",
        'ť' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// The field a header names for `kind`, if the vocabulary knows it.
pub(crate) fn recognise(kind: VocabKind, header: &str) -> Option<Recognised> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    table(kind)
        .iter()
        .find(|(known, _, _)| *known == key)
        .map(|&(_, field, rank)| Recognised { field, rank })
}

/// The vocabulary of one kind.
fn table(kind: VocabKind) -> &'static [Entry] {
    match kind {
        VocabKind::Employees => EMPLOYEES,
        VocabKind::Programs => PROGRAMS,
        VocabKind::Completions => COMPLETIONS,
    }
}

/// Employee headers. Deliberately absent: "Position ID" / "Reports To Position ID" (ADP
/// position codes, not people), "Job Code", "HR" (SuccessFactors' HR representative),
/// "Coach" (Odoo: not the manager), "User ID" (Frappe's login email; an LMS's own id),
/// "Username", personal/home/private email, "Employment Type" / "Worker Type" (full or part
/// time, not whether someone is employed), "Age", "Segundo apellido" (a second surname needs
/// joining, which is a mapping's job).
const EMPLOYEES: &[Entry] = &[
    // employee_id
    ("employee_id", "employee_id", 0), // Upskill; Workday, HiBob, Docebo, generic
    ("employeeid", "employee_id", 0),
    ("employee_number", "employee_id", 0), // BambooHR "Employee #", Frappe, Workday
    ("employee_no", "employee_id", 0),
    ("employee_code", "employee_id", 0),
    ("emp_id", "employee_id", 0),
    ("emp_no", "employee_id", 0),
    ("emp_number", "employee_id", 0), // "Emp #"
    ("emp_code", "employee_id", 0),
    ("worker_id", "employee_id", 0),     // Workday
    ("person_number", "employee_id", 0), // Oracle HCM
    ("associate_id", "employee_id", 0),  // ADP Workforce Now
    ("staff_id", "employee_id", 0),
    ("staff_number", "employee_id", 0),
    ("personnel_number", "employee_id", 0),
    ("hris_id", "employee_id", 0),
    ("personalnummer", "employee_id", 0), // German HR exports, Personio DE
    ("personal_nummer", "employee_id", 0),
    ("personal_nr", "employee_id", 0),     // "Personal-Nr"
    ("personal_number", "employee_id", 0), // "Personal-Nr."
    ("mitarbeiternummer", "employee_id", 0),
    ("mitarbeiter_nr", "employee_id", 0),
    ("mitarbeiter_number", "employee_id", 0), // "Mitarbeiter-Nr."
    ("mitarbeiter_id", "employee_id", 0),
    ("matricule", "employee_id", 0),        // French HR exports
    ("numero_d_employe", "employee_id", 0), // "Numéro d'employé"
    ("number_employe", "employee_id", 0),   // "N° employé"
    ("id_employe", "employee_id", 0),
    ("numero_de_empleado", "employee_id", 0), // Spanish HR exports
    ("numero_empleado", "employee_id", 0),
    ("number_de_empleado", "employee_id", 0), // "Nº de empleado"
    ("id_empleado", "employee_id", 0),
    ("file_number", "employee_id", 1), // ADP "File Number" / "File #": payroll, Associate ID wins
    ("userid", "employee_id", 1),      // SuccessFactors USERID: what MANAGER refers to
    ("registration_number_of_the_employee", "employee_id", 1), // Odoo 17
    ("codigo_de_empleado", "employee_id", 1),
    ("legajo", "employee_id", 1), // Argentina
    ("external_id", "employee_id", 2),
    ("registration_number", "employee_id", 2),
    ("empid", "employee_id", 2), // SuccessFactors EMPID: USERID is the key managers use
    ("id", "employee_id", 2),    // Frappe "ID" (the document name), generic
    // "Employee" alone: Frappe reports put the employee's ID there (HR-EMP-00001), but ADP-like
    // reports and Rippling put the name. Rank 2 so any real id column wins; when it is the only
    // candidate the caller sees whether the values look like ids.
    ("employee", "employee_id", 2),
    // full_name
    ("full_name", "full_name", 0), // Upskill; Frappe, Moodle
    ("fullname", "full_name", 0),
    ("employee_name", "full_name", 0), // Frappe, Rippling "Employee name"
    ("employee_full_name", "full_name", 0),
    ("nombre_completo", "full_name", 0),
    ("nom_complet", "full_name", 0),
    ("nom_et_prenom", "full_name", 0),
    ("nom_prenom", "full_name", 0),
    ("vollstandiger_name", "full_name", 0), // "Vollständiger Name"
    ("name", "full_name", 1),               // Odoo, Personio "Name", generic
    ("display_name", "full_name", 1),       // HiBob, BambooHR
    ("legal_name", "full_name", 1),         // Workday
    ("legal_full_name", "full_name", 1),
    ("worker", "full_name", 1),         // Workday
    ("worker_name", "full_name", 1),    // Workday
    ("payroll_name", "full_name", 1),   // ADP ("Last, First")
    ("preferred_name", "full_name", 2), // Workday, BambooHR, Rippling
    ("preferred_full_name", "full_name", 2),
    ("mitarbeiter", "full_name", 2), // German reports: "Mitarbeiter" holds the name
    ("collaborateur", "full_name", 2),
    ("salarie", "full_name", 2),
    ("empleado", "full_name", 2),
    // first_name
    ("first_name", "first_name", 0), // BambooHR, HiBob, Frappe, Gusto, Docebo
    ("firstname", "first_name", 0),  // SuccessFactors FIRSTNAME
    ("given_name", "first_name", 0),
    ("forename", "first_name", 0),
    ("legal_first_name", "first_name", 0), // ADP, Rippling, HiBob
    ("legal_name_first_name", "first_name", 0), // Workday "Legal Name - First Name"
    ("vorname", "first_name", 0),
    ("prenom", "first_name", 0),
    ("nombres", "first_name", 0),
    ("nombre_s", "first_name", 0),                  // "Nombre(s)"
    ("nombre", "first_name", 1), // usually beside "Apellidos"; sometimes the whole name
    ("preferred_first_name", "first_name", 2), // Gusto, Rippling, ADP
    ("preferred_name_first_name", "first_name", 2), // Workday
    // middle_name
    ("middle_name", "middle_name", 0), // Frappe, Workday, BambooHR
    ("middlename", "middle_name", 0),
    ("legal_middle_name", "middle_name", 0),
    ("segundo_nombre", "middle_name", 0),
    ("middle_initial", "middle_name", 1), // Gusto
    ("mi", "middle_name", 1),             // SuccessFactors MI
    // last_name
    ("last_name", "last_name", 0), // BambooHR, HiBob, Frappe, Gusto
    ("lastname", "last_name", 0),  // SuccessFactors LASTNAME
    ("surname", "last_name", 0),   // HiBob, Udemy
    ("family_name", "last_name", 0),
    ("legal_last_name", "last_name", 0),      // ADP, Rippling
    ("legal_name_last_name", "last_name", 0), // Workday
    ("nachname", "last_name", 0),
    ("familienname", "last_name", 0),
    ("nom_de_famille", "last_name", 0),
    ("apellido", "last_name", 0),
    ("apellidos", "last_name", 0),
    ("apellido_s", "last_name", 0),      // "Apellido(s)"
    ("nom", "last_name", 1),             // beside "Prénom"; sometimes the whole name
    ("primer_apellido", "last_name", 1), // Spain: the second surname is a separate column
    // email (work addresses only; personal ones are not the employee's identity at work)
    ("email", "email", 0), // Upskill; HiBob, Personio, SuccessFactors EMAIL
    ("e_mail", "email", 0),
    ("email_address", "email", 0),
    ("work_email", "email", 0), // BambooHR, Rippling, Gusto, Odoo
    ("work_email_address", "email", 0),
    ("email_work", "email", 0),
    ("email_primary_work", "email", 0), // Workday "Email - Primary Work"
    ("primary_work_email", "email", 0), // Workday
    ("work_contact_work_email", "email", 0), // ADP "Work Contact: Work Email"
    ("company_email", "email", 0),      // Frappe
    ("business_email", "email", 0),
    ("corporate_email", "email", 0),
    ("e_mail_geschaftlich", "email", 0), // "E-Mail (geschäftlich)"
    ("geschaftliche_e_mail", "email", 0),
    ("e_mail_adresse", "email", 0),
    ("email_adresse", "email", 0),
    ("courriel", "email", 0),
    ("adresse_e_mail", "email", 0),
    ("adresse_email", "email", 0),
    ("courriel_professionnel", "email", 0),
    ("e_mail_professionnel", "email", 0),
    ("email_professionnel", "email", 0),
    ("correo_electronico", "email", 0),
    ("correo_electronico_corporativo", "email", 0),
    ("correo_corporativo", "email", 0),
    ("email_corporativo", "email", 0),
    ("office_email", "email", 1),
    ("user_email", "email", 1),
    ("correo", "email", 1),
    ("best_email", "email", 2), // BambooHR: work email if set, else home
    ("preferred_email", "email", 2),
    ("prefered_email", "email", 2), // Frappe's spelling
    ("mail", "email", 2),
    // role
    ("role", "role", 0),                  // Upskill
    ("job_title", "role", 0),             // BambooHR, HiBob, Gusto, Odoo
    ("business_title", "role", 0),        // Workday
    ("job_title_description", "role", 0), // ADP
    ("position_title", "role", 0),
    ("designation", "role", 0), // Frappe
    ("stelle", "role", 0),
    ("stellenbezeichnung", "role", 0),
    ("berufsbezeichnung", "role", 0),
    ("jobtitel", "role", 0),
    ("job_titel", "role", 0),
    ("poste", "role", 0),
    ("intitule_du_poste", "role", 0),
    ("intitule_de_poste", "role", 0),
    ("titre_du_poste", "role", 0),
    ("puesto", "role", 0),
    ("cargo", "role", 0),
    ("puesto_de_trabajo", "role", 0),
    ("titulo_del_puesto", "role", 0),
    ("nombre_del_puesto", "role", 0),
    ("title", "role", 1),        // SuccessFactors TITLE, Rippling "Title"
    ("position", "role", 1),     // ADP, Personio (also German "Position")
    ("job_position", "role", 1), // Odoo (the job record; "Job Title" is the text)
    ("funktion", "role", 1),
    ("tatigkeit", "role", 1), // "Tätigkeit"
    ("fonction", "role", 1),
    ("emploi", "role", 1),
    ("funcion", "role", 1),
    ("job", "role", 2),
    ("job_profile", "role", 2), // Workday
    // department
    ("department", "department", 0), // Upskill; BambooHR, HiBob, Frappe, Odoo, Gusto
    ("dept", "department", 0),
    ("department_name", "department", 0),
    ("home_department_description", "department", 0), // ADP
    ("abteilung", "department", 0),
    ("departement", "department", 0), // "Département"
    ("departamento", "department", 0),
    ("home_department", "department", 1),          // ADP
    ("supervisory_organization", "department", 1), // Workday
    ("org_unit", "department", 1),
    ("organizational_unit", "department", 1),
    ("organisationseinheit", "department", 1),
    ("service", "department", 1),      // French
    ("team", "department", 2),         // HiBob, Personio (also German)
    ("organization", "department", 2), // can be the legal entity
    ("organisation", "department", 2),
    ("bereich", "department", 2),
    ("equipe", "department", 2),
    ("equipo", "department", 2),
    ("area", "department", 2),        // "Área"
    ("cost_center", "department", 3), // Workday, SAP
    ("cost_centre", "department", 3),
    ("kostenstelle", "department", 3),
    ("centre_de_cout", "department", 3),
    ("centro_de_coste", "department", 3),
    ("centro_de_costo", "department", 3),
    ("division", "department", 3), // BambooHR, SuccessFactors DIVISION
    // manager_id: ids, then emails, then names and bare words (the caller reads which a
    // column holds from its values)
    ("manager_id", "manager_id", 0), // Upskill; Workday
    ("manager_employee_id", "manager_id", 0),
    ("supervisor_id", "manager_id", 0), // BambooHR (the supervisor's Employee #)
    ("reports_to_id", "manager_id", 0),
    ("reports_to_associate_id", "manager_id", 0), // ADP
    ("reports_to_employee_id", "manager_id", 0),
    ("manager", "manager_id", 2), // SuccessFactors MANAGER (a USERID), Odoo, Workday, Rippling
    ("manager_name", "manager_id", 2),
    ("manager_s_name", "manager_id", 2),     // "Manager's Name"
    ("manager_email", "manager_id", 1),      // Lattice-style reports
    ("manager_work_email", "manager_id", 1), // Rippling "Manager - Work email"
    ("supervisor", "manager_id", 2),         // BambooHR, Personio
    ("supervisor_name", "manager_id", 2),
    ("supervisor_email", "manager_id", 1),
    ("reports_to", "manager_id", 2),      // Frappe (an ID), HiBob
    ("reports_to_name", "manager_id", 2), // ADP
    ("reporting_to", "manager_id", 2),    // BambooHR
    ("reporting_manager", "manager_id", 2),
    ("line_manager", "manager_id", 2),
    ("direct_manager", "manager_id", 2),
    ("direct_supervisor", "manager_id", 2),
    ("vorgesetzte_r", "manager_id", 2), // Personio DE "Vorgesetzte/r"
    ("vorgesetzter", "manager_id", 2),
    ("vorgesetzte", "manager_id", 2),
    ("fuhrungskraft", "manager_id", 2), // "Führungskraft"
    ("responsable", "manager_id", 2),
    ("responsable_hierarchique", "manager_id", 2),
    ("superieur_hierarchique", "manager_id", 2),
    ("n_1", "manager_id", 2), // French "N+1"
    ("jefe", "manager_id", 2),
    ("jefe_directo", "manager_id", 2),
    ("jefe_inmediato", "manager_id", 2),
    ("responsable_directo", "manager_id", 2),
    // BambooHR "Supervisor EID" is the supervisor's internal database id, which does not
    // match "Employee #" values: weaker than the supervisor's name.
    ("supervisor_eid", "manager_id", 3),
    // birth_year
    ("birth_year", "birth_year", 0), // Upskill
    ("year_of_birth", "birth_year", 0),
    ("birth_date", "birth_year", 0), // BambooHR, ADP
    ("birthdate", "birth_year", 0),
    ("date_of_birth", "birth_year", 0), // Frappe, Workday, HiBob, Odoo, Gusto
    ("dob", "birth_year", 0),
    ("geburtsdatum", "birth_year", 0),
    ("geburtsjahr", "birth_year", 0),
    ("date_de_naissance", "birth_year", 0),
    ("annee_de_naissance", "birth_year", 0),
    ("fecha_de_nacimiento", "birth_year", 0),
    ("fecha_nacimiento", "birth_year", 0),
    ("ano_de_nacimiento", "birth_year", 0),
    ("birthday", "birth_year", 2), // BambooHR "Birthday" is month and day only
    // hire_date
    ("hire_date", "hire_date", 0), // Upskill; BambooHR, Workday, ADP, Personio, Gusto
    ("hiredate", "hire_date", 0),  // SuccessFactors HIREDATE
    ("start_date", "hire_date", 0), // HiBob, Rippling
    ("date_of_joining", "hire_date", 0), // Frappe
    ("joining_date", "hire_date", 0),
    ("date_joined", "hire_date", 0),
    ("employment_start_date", "hire_date", 0),
    ("eintrittsdatum", "hire_date", 0),
    ("date_d_embauche", "hire_date", 0),
    ("date_embauche", "hire_date", 0),
    ("date_d_entree", "hire_date", 0),
    ("date_entree", "hire_date", 0),
    ("fecha_de_contratacion", "hire_date", 0),
    ("fecha_de_alta", "hire_date", 0),
    ("fecha_alta", "hire_date", 0),
    ("fecha_de_ingreso", "hire_date", 0),
    ("fecha_ingreso", "hire_date", 0),
    ("fecha_de_incorporacion", "hire_date", 0),
    ("original_hire_date", "hire_date", 1), // BambooHR, Workday
    ("hire_rehire_date", "hire_date", 1),   // ADP "Hire/Rehire Date"
    ("eintritt", "hire_date", 1),
    ("beschaftigt_seit", "hire_date", 1),
    ("date_d_arrivee", "hire_date", 1),
    ("fecha_de_inicio", "hire_date", 1),
    ("original_start_date", "hire_date", 2),     // HiBob
    ("seniority_date", "hire_date", 2),          // ADP
    ("continuous_service_date", "hire_date", 2), // Workday
    // location
    ("location", "location", 0), // Upskill; BambooHR, SuccessFactors, Workday
    ("location_name", "location", 0),
    ("location_description", "location", 0), // ADP
    ("work_location", "location", 0),        // Rippling, Odoo
    ("standort", "location", 0),
    ("arbeitsort", "location", 0),
    ("lieu_de_travail", "location", 0),
    ("localisation", "location", 0),
    ("ubicacion", "location", 0),
    ("sede", "location", 0),
    ("centro_de_trabajo", "location", 0),
    ("lugar_de_trabajo", "location", 0),
    ("office", "location", 1), // Personio
    ("site", "location", 1),   // HiBob (also French)
    ("work_site", "location", 1),
    ("dienstort", "location", 1),
    ("buro", "location", 1), // "Büro" (Personio DE)
    ("oficina", "location", 1),
    ("branch", "location", 2),       // Frappe
    ("work_address", "location", 2), // Odoo, Gusto
    ("niederlassung", "location", 2),
    ("etablissement", "location", 2),
    // active: a status word or a yes/no column (see employment_status)
    ("active", "active", 0), // Upskill; Odoo
    ("is_active", "active", 0),
    ("active_status", "active", 0),     // Workday
    ("employment_status", "active", 0), // BambooHR, Rippling, Gusto
    ("employee_status", "active", 0),
    ("worker_status", "active", 0),
    ("estado_del_empleado", "active", 0),
    ("beschaftigungsstatus", "active", 0),
    ("mitarbeiterstatus", "active", 0),
    ("aktiv", "active", 0),
    ("actif", "active", 0),
    ("activo", "active", 0),
    ("status", "active", 1), // SuccessFactors STATUS, Frappe, Personio, BambooHR
    ("lifecycle_status", "active", 1), // HiBob
    ("position_status", "active", 1), // ADP
    ("hr_status", "active", 1), // PeopleSoft
    ("statut", "active", 1),
    ("estado", "active", 1),
    // left_on
    ("left_on", "left_on", 0),
    ("termination_date", "left_on", 0), // BambooHR, Workday, ADP, HiBob, Gusto
    ("term_date", "left_on", 0),
    ("date_of_termination", "left_on", 0),
    ("employment_end_date", "left_on", 0),
    ("leaving_date", "left_on", 0),
    ("date_left", "left_on", 0),
    ("date_of_leaving", "left_on", 0),
    ("relieving_date", "left_on", 0), // Frappe
    ("separation_date", "left_on", 0),
    ("exit_date", "left_on", 0),
    ("austrittsdatum", "left_on", 0),
    ("ausscheidedatum", "left_on", 0),
    ("date_de_sortie", "left_on", 0),
    ("date_sortie", "left_on", 0),
    ("date_de_depart", "left_on", 0),
    ("fecha_de_baja", "left_on", 0),
    ("fecha_baja", "left_on", 0),
    ("fecha_de_salida", "left_on", 0),
    ("fecha_de_cese", "left_on", 0),
    ("fecha_de_terminacion", "left_on", 0),
    ("end_date", "left_on", 1), // Rippling, HiBob
    ("last_day", "left_on", 1),
    ("last_working_day", "left_on", 1),
    ("last_working_date", "left_on", 1),
    ("last_day_of_work", "left_on", 1),
    ("austritt", "left_on", 1),
    ("letzter_arbeitstag", "left_on", 1),
];

/// Program (course catalogue) headers. Deliberately absent: "Duration" / "Course Duration"
/// (the unit varies: Udemy reports minutes), "Author" / "Instructor" (a person, not the
/// provider), "Validity" without a unit.
const PROGRAMS: &[Entry] = &[
    // program_id
    ("program_id", "program_id", 0), // Upskill
    ("programme_id", "program_id", 0),
    ("program_code", "program_id", 0),
    ("course_id", "program_id", 0),   // Udemy, Pluralsight
    ("course_code", "program_id", 0), // Docebo
    ("course_number", "program_id", 0),
    ("content_id", "program_id", 0), // LinkedIn Learning
    ("training_id", "program_id", 0),
    ("training_code", "program_id", 0),
    ("learning_item_id", "program_id", 0),
    ("kurs_id", "program_id", 0),
    ("kursnummer", "program_id", 0),
    ("kurs_nr", "program_id", 0),
    ("kurscode", "program_id", 0),
    ("code_formation", "program_id", 0),
    ("code_de_la_formation", "program_id", 0),
    ("code_du_cours", "program_id", 0),
    ("id_formation", "program_id", 0),
    ("codigo_del_curso", "program_id", 0),
    ("codigo_curso", "program_id", 0),
    ("id_curso", "program_id", 0),
    ("code", "program_id", 1),
    ("course_short_name", "program_id", 1), // Moodle
    ("shortname", "program_id", 1),         // Moodle course upload
    ("item_id", "program_id", 1),           // SuccessFactors Learning
    ("short_name", "program_id", 2),
    ("course_id_number", "program_id", 2), // Moodle
    ("idnumber", "program_id", 2),         // Moodle course upload
    ("course_unique_id", "program_id", 2), // Docebo
    ("id", "program_id", 2),
    // title
    ("title", "title", 0),            // Upskill; SuccessFactors Learning
    ("course_title", "title", 0),     // Udemy
    ("course_name", "title", 0),      // Docebo, Pluralsight
    ("course_full_name", "title", 0), // Moodle
    ("content_title", "title", 0),    // LinkedIn Learning
    ("content_name", "title", 0),
    ("training_title", "title", 0),
    ("training_name", "title", 0),
    ("program_title", "title", 0),
    ("program_name", "title", 0),
    ("programme_title", "title", 0),
    ("kursname", "title", 0),
    ("kurstitel", "title", 0),
    ("titel", "title", 0),
    ("titre", "title", 0),
    ("nom_de_la_formation", "title", 0),
    ("intitule_de_la_formation", "title", 0),
    ("nom_du_cours", "title", 0),
    ("titulo", "title", 0),
    ("titulo_del_curso", "title", 0),
    ("nombre_del_curso", "title", 0),
    ("course", "title", 1),
    ("fullname", "title", 1),                   // Moodle course upload
    ("course_full_name_with_link", "title", 1), // Moodle report builder
    ("training", "title", 1),
    ("program", "title", 1),
    ("programme", "title", 1),
    ("item_title", "title", 1),
    ("kurs", "title", 1),
    ("schulung", "title", 1),
    ("bezeichnung", "title", 1),
    ("intitule", "title", 1),
    ("formation", "title", 1),
    ("cours", "title", 1),
    ("curso", "title", 1),
    ("formacion", "title", 1),
    ("name", "title", 2),
    ("nom", "title", 2),
    ("nombre", "title", 2),
    // skill_area
    ("skill_area", "skill_area", 0),      // Upskill
    ("course_category", "skill_area", 0), // Udemy
    ("subject_area", "skill_area", 0),
    ("themengebiet", "skill_area", 0),
    ("category", "skill_area", 1), // Docebo, Moodle
    ("skill", "skill_area", 1),
    ("skills", "skill_area", 1), // LinkedIn Learning
    ("topic", "skill_area", 1),
    ("subject", "skill_area", 1),
    ("competency", "skill_area", 1),
    ("kategorie", "skill_area", 1),
    ("thema", "skill_area", 1),
    ("kompetenz", "skill_area", 1),
    ("categorie", "skill_area", 1),
    ("competence", "skill_area", 1),
    ("categoria", "skill_area", 1),
    ("tema", "skill_area", 1),
    ("competencia", "skill_area", 1),
    ("domain", "skill_area", 2),
    ("theme", "skill_area", 2),
    ("domaine", "skill_area", 2),
    // format
    ("format", "format", 0), // Upskill
    ("delivery_type", "format", 0),
    ("delivery_method", "format", 0),
    ("delivery_format", "format", 0),
    ("modality", "format", 0),
    ("lernform", "format", 0),
    ("modalite", "format", 0),
    ("modalidad", "format", 0),
    ("formato", "format", 0),
    ("course_type", "format", 1),  // Docebo (E-Learning, ILT)
    ("content_type", "format", 1), // LinkedIn Learning
    ("item_type", "format", 1),    // SuccessFactors Learning
    ("training_type", "format", 1),
    ("type_de_formation", "format", 1),
    ("tipo_de_curso", "format", 1),
    ("type", "format", 2),
    // provider
    ("provider", "provider", 0),         // Upskill
    ("content_provider", "provider", 0), // LinkedIn Learning
    ("training_provider", "provider", 0),
    ("anbieter", "provider", 0),
    ("schulungsanbieter", "provider", 0),
    ("organisme_de_formation", "provider", 0),
    ("proveedor", "provider", 0),
    ("vendor", "provider", 1),
    ("fournisseur", "provider", 1),
    ("prestataire", "provider", 1),
    ("publisher", "provider", 2),
    // hours
    ("hours", "hours", 0), // Upskill
    ("duration_hours", "hours", 0),
    ("duration_h", "hours", 0),
    ("duration_in_hours", "hours", 0),
    ("course_duration_hours", "hours", 0),
    ("length_hours", "hours", 0),
    ("training_hours", "hours", 0),
    ("stunden", "hours", 0),
    ("dauer_stunden", "hours", 0),
    ("dauer_in_stunden", "hours", 0),
    ("heures", "hours", 0),
    ("duree_heures", "hours", 0),
    ("duree_en_heures", "hours", 0),
    ("nombre_d_heures", "hours", 0),
    ("horas", "hours", 0),
    ("duracion_horas", "hours", 0),
    ("duracion_en_horas", "hours", 0),
    ("estimated_hours", "hours", 1),
    ("credit_hours", "hours", 1),
    // validity_months
    ("validity_months", "validity_months", 0), // Upskill
    ("validity_in_months", "validity_months", 0),
    ("validity_period_months", "validity_months", 0),
    ("valid_for_months", "validity_months", 0),
    ("certification_validity_months", "validity_months", 0),
    ("gultigkeit_monate", "validity_months", 0),
    ("gultigkeit_in_monaten", "validity_months", 0),
    ("validite_mois", "validity_months", 0),
    ("duree_de_validite_mois", "validity_months", 0),
    ("validez_meses", "validity_months", 0),
    ("vigencia_meses", "validity_months", 0),
    ("recertification_months", "validity_months", 1),
    ("expires_after_months", "validity_months", 1),
];

/// Completion headers. Deliberately absent: "User ID" / "LMS User ID" (the LMS's own ids,
/// not the employee's), "User Name" (Udemy: the first name), names ("Full name", "First
/// Name": a completion is matched by id, email or username), "Course Duration", "Note"
/// (Pluralsight: a comment, not a grade).
const COMPLETIONS: &[Entry] = &[
    // employee_id
    ("employee_id", "employee_id", 0), // Upskill
    ("employeeid", "employee_id", 0),
    ("employee_number", "employee_id", 0),
    ("employee_no", "employee_id", 0),
    ("emp_id", "employee_id", 0),
    ("hris_id", "employee_id", 0),
    ("worker_id", "employee_id", 0),
    ("associate_id", "employee_id", 0),
    ("staff_id", "employee_id", 0),
    ("personnel_number", "employee_id", 0),
    ("personalnummer", "employee_id", 0),
    ("personal_nr", "employee_id", 0),
    ("personal_number", "employee_id", 0),
    ("matricule", "employee_id", 0),
    ("numero_de_empleado", "employee_id", 0),
    ("numero_empleado", "employee_id", 0),
    ("id_empleado", "employee_id", 0),
    ("external_id", "employee_id", 1), // Udemy users, LMS user sync
    ("user_external_id", "employee_id", 1), // Udemy "User External Id"
    ("hr_id", "employee_id", 1),
    ("id_number", "employee_id", 1), // Moodle "ID number" (the HR number by convention)
    ("idnumber", "employee_id", 1),
    ("unique_user_id", "employee_id", 2), // LinkedIn Learning (SSO or uploaded id)
    // email
    ("email", "email", 0),
    ("e_mail", "email", 0),
    ("email_address", "email", 0), // Moodle
    ("user_email", "email", 0),    // Udemy
    ("learner_email", "email", 0),
    ("participant_email", "email", 0),
    ("work_email", "email", 0),
    ("e_mail_adresse", "email", 0),
    ("courriel", "email", 0),
    ("adresse_e_mail", "email", 0),
    ("correo_electronico", "email", 0),
    ("employee_email", "email", 1),
    ("student_email", "email", 1),
    ("mail", "email", 2),
    // username
    ("username", "username", 0), // Docebo, Moodle
    ("benutzername", "username", 0),
    ("nom_d_utilisateur", "username", 0),
    ("nombre_de_usuario", "username", 0),
    ("login", "username", 1),
    ("user_login", "username", 1),
    ("login_name", "username", 1),
    ("identifiant", "username", 1),
    ("usuario", "username", 1),
    // program_id
    ("program_id", "program_id", 0),  // Upskill
    ("course_id", "program_id", 0),   // Udemy, Pluralsight
    ("course_code", "program_id", 0), // Docebo
    ("content_id", "program_id", 0),  // LinkedIn Learning
    ("training_id", "program_id", 0),
    ("course_number", "program_id", 0),
    ("learning_item_id", "program_id", 0),
    ("kurs_id", "program_id", 0),
    ("kurscode", "program_id", 0),
    ("code_du_cours", "program_id", 0),
    ("codigo_del_curso", "program_id", 0),
    ("id_curso", "program_id", 0),
    ("course_short_name", "program_id", 1), // Moodle
    ("shortname", "program_id", 1),
    ("item_id", "program_id", 1),          // SuccessFactors Learning
    ("course_id_number", "program_id", 2), // Moodle
    ("course_unique_id", "program_id", 2), // Docebo
    // title
    ("title", "title", 0),
    ("course_title", "title", 0),     // Udemy
    ("course_name", "title", 0),      // Docebo, Pluralsight
    ("course_full_name", "title", 0), // Moodle
    ("content_title", "title", 0),    // LinkedIn Learning
    ("content_name", "title", 0),
    ("training_title", "title", 0),
    ("training_name", "title", 0),
    ("program_title", "title", 0),
    ("program_name", "title", 0),
    ("kursname", "title", 0),
    ("kurstitel", "title", 0),
    ("intitule_de_la_formation", "title", 0),
    ("nom_du_cours", "title", 0),
    ("nombre_del_curso", "title", 0),
    ("titulo_del_curso", "title", 0),
    ("course", "title", 1),
    ("course_full_name_with_link", "title", 1), // Moodle report builder
    ("training", "title", 1),
    ("item_title", "title", 1),
    ("kurs", "title", 1),
    ("titel", "title", 1),
    ("schulung", "title", 1),
    ("formation", "title", 1),
    ("titre", "title", 1),
    ("curso", "title", 1),
    ("titulo", "title", 1),
    ("program", "title", 2),
    ("programme", "title", 2),
    // completed_on
    ("completed_on", "completed_on", 0),           // Upskill
    ("completion_date", "completed_on", 0),        // Docebo, LinkedIn Learning, Pluralsight
    ("course_completion_date", "completed_on", 0), // Udemy
    ("date_completed", "completed_on", 0),
    ("completed_date", "completed_on", 0),
    ("completed_at", "completed_on", 0),
    ("date_of_completion", "completed_on", 0),
    ("time_completed", "completed_on", 0), // Moodle
    ("abschlussdatum", "completed_on", 0),
    ("abgeschlossen_am", "completed_on", 0),
    ("datum_des_abschlusses", "completed_on", 0),
    ("date_d_achevement", "completed_on", 0),
    ("date_de_completion", "completed_on", 0),
    ("termine_le", "completed_on", 0),
    ("fecha_de_finalizacion", "completed_on", 0),
    ("fecha_de_completado", "completed_on", 0),
    ("fecha_completado", "completed_on", 0),
    ("fecha_de_termino", "completed_on", 0),
    ("completion_time", "completed_on", 1),
    ("finished_on", "completed_on", 1),
    ("finish_date", "completed_on", 1),
    ("date_passed", "completed_on", 1),
    ("passed_date", "completed_on", 1),
    ("course_first_completion_date", "completed_on", 1), // Udemy
    ("date_de_realisation", "completed_on", 1),
    ("date_de_reussite", "completed_on", 1),
    ("fecha_de_realizacion", "completed_on", 1),
    ("certification_date", "completed_on", 2),
    // score
    ("score", "score", 0), // Upskill; Docebo
    ("final_score", "score", 0),
    ("grade", "score", 0), // Moodle
    ("final_grade", "score", 0),
    ("punktzahl", "score", 0),
    ("calificacion", "score", 0),
    ("puntuacion", "score", 0),
    ("quiz_score", "score", 1),
    ("test_score", "score", 1),
    ("exam_score", "score", 1),
    ("assessment_score", "score", 1),
    ("course_grade", "score", 1),
    ("nota", "score", 1),
    ("result", "score", 2),
    ("points", "score", 2),
    ("ergebnis", "score", 2),
    ("resultat", "score", 2),
    // certificate_id
    ("certificate_id", "certificate_id", 0), // Upskill
    ("certificate_number", "certificate_id", 0),
    ("certificate_no", "certificate_id", 0),
    ("certificate_code", "certificate_id", 0),
    ("cert_id", "certificate_id", 0),
    ("credential_id", "certificate_id", 0),
    ("zertifikatsnummer", "certificate_id", 0),
    ("zertifikat_id", "certificate_id", 0),
    ("zertifikat_nr", "certificate_id", 0),
    ("numero_de_certificat", "certificate_id", 0),
    ("numero_du_certificat", "certificate_id", 0),
    ("id_certificat", "certificate_id", 0),
    ("numero_de_certificado", "certificate_id", 0),
    ("id_certificado", "certificate_id", 0),
    ("certificate", "certificate_id", 2),
    // status (see completion_status)
    ("status", "status", 0),            // Docebo
    ("completion_status", "status", 0), // Moodle, Pluralsight
    ("course_status", "status", 0),
    ("enrollment_status", "status", 0), // Docebo
    ("enrolment_status", "status", 0),
    ("abschlussstatus", "status", 0),
    ("statut", "status", 0),
    ("statut_d_achevement", "status", 0),
    ("estado", "status", 0),
    ("estado_de_finalizacion", "status", 0),
    ("training_status", "status", 1),
    ("completion_state", "status", 1),
    ("is_completed", "status", 1),
    // Moodle report builder "Completed" holds Yes/No; elsewhere it can hold a date, so it is
    // the weakest status and never beats a real status or date column.
    ("completed", "status", 2),
    ("state", "status", 2),
    // progress
    ("progress", "progress", 0),
    ("percent_completed", "progress", 0), // LinkedIn Learning
    ("percent_complete", "progress", 0),  // "% Complete"
    ("completion_percentage", "progress", 0),
    ("completion_percent", "progress", 0),
    ("course_progress", "progress", 0),  // Udemy
    ("progress_percent", "progress", 0), // "Progress (%)"
    ("progress_percentage", "progress", 0),
    ("percentage_completed", "progress", 0),
    ("fortschritt", "progress", 0),
    ("progression", "progress", 0),
    ("avancement", "progress", 0),
    ("pourcentage_d_achevement", "progress", 0),
    ("progreso", "progress", 0),
    ("porcentaje_completado", "progress", 0),
    ("porcentaje_de_avance", "progress", 0),
    ("completion_ratio", "progress", 1),         // Udemy
    ("percent_marked_completed", "progress", 1), // Udemy "% Marked Completed"
    ("avance", "progress", 1),
];

/// Employment status words meaning the person is employed on the record's date. Upskill asks
/// "is this person still ours to train?", so everyone with a contract who has not left is
/// active: on leave (of absence, parental, garden leave: still employed, still paid, training
/// resumes), suspended (a disciplinary pause, not a departure), on probation or notice,
/// onboarding/offboarding (in the middle of a start or an exit), and hired/accepted (Rippling:
/// a signed offer before the first day; they are on the record and may be pre-boarded).
/// Employment types count too: BambooHR's and Gusto's "Employment Status" column holds
/// "Full-Time", "Part-Time", "Contractor"... for current staff and "Terminated" for leavers.
/// Single letters are the codes ADP and PeopleSoft export (A active, L leave).
#[rustfmt::skip]
const EMPLOYED: &[&str] = &[
    "active", "employed", "current", "hired", "accepted", "on_leave", "leave",
    "leave_of_absence", "loa", "garden_leave", "parental_leave", "maternity_leave",
    "paternity_leave", "sick_leave", "suspended", "probation", "on_probation", "notice",
    "on_notice", "notice_period", "onboarding", "offboarding", "full_time", "part_time",
    "full_time_employee", "part_time_employee", "part_time_under_twenty_hours",
    "part_time_twenty_plus_hours", "contractor", "intern", "temporary", "seasonal",
    "fixed_term", "permanent", "regular", "a", "l", "true", "yes", "y", "1",
    // German
    "aktiv", "beschaftigt", "beurlaubt", "im_urlaub", "elternzeit", "in_elternzeit",
    "mutterschutz", "ruhend", "probezeit", "in_probezeit", "vollzeit", "teilzeit", "ja",
    // French
    "actif", "active_e", "en_poste", "en_conge", "en_conges", "conge_parental", "suspendu",
    "periode_d_essai", "en_periode_d_essai", "temps_plein", "temps_partiel", "cdi", "cdd",
    "oui",
    // Spanish
    "activo", "activa", "en_excedencia", "excedencia", "de_licencia", "en_licencia",
    "suspendido", "en_periodo_de_prueba", "tiempo_completo", "tiempo_parcial", "indefinido",
    "temporal", "si",
];

/// Employment status words meaning the person has left.
#[rustfmt::skip]
const NOT_EMPLOYED: &[&str] = &[
    "inactive", "terminated", "termed", "left", "leaver", "former", "former_employee",
    "ex_employee", "resigned", "retired", "deceased", "dismissed", "fired", "laid_off",
    "separated", "withdrawn", "offboarded", "exited", "departed", "not_active", "t", "i",
    "false", "no", "n", "0",
    // German
    "inaktiv", "ausgeschieden", "ausgetreten", "ehemalig", "ehemaliger_mitarbeiter",
    "verrentet", "verstorben", "nein",
    // French
    "inactif", "inactive_e", "parti", "partie", "sorti", "sortie", "demissionne",
    "licencie", "retraite", "decede", "non",
    // Spanish
    "inactivo", "inactiva", "baja", "dado_de_baja", "de_baja_definitiva", "cesado",
    "despedido", "jubilado", "fallecido",
];

/// An employment status word → active (true) / inactive (false); None for a word it does not
/// know. Compared by [`header_key`] (case, spaces, accents ignored). "Still employed on the
/// record date" is active: see [`EMPLOYED`] for the borderline words (leave, suspended,
/// hired, accepted) and why. An empty cell is not handled here (the caller decides).
pub(crate) fn employment_status(word: &str) -> Option<bool> {
    lookup(word, EMPLOYED, NOT_EMPLOYED)
}

/// Completion status words meaning the course was completed. "Expired" counts: the course
/// was completed and the certification has since lapsed; Upskill works out expiry itself from
/// the completion date and the program's validity, so the completion is kept. Attendance of an
/// instructor-led session is its completion.
#[rustfmt::skip]
const COMPLETED: &[&str] = &[
    "completed", "complete", "completed_achieved_pass_grade", "completed_passed", "passed",
    "pass", "finished", "done", "achieved", "certified", "successful", "satisfied",
    "attended", "expired", "true", "yes", "y", "1",
    // German
    "abgeschlossen", "bestanden", "erledigt", "absolviert", "fertig", "teilgenommen", "ja",
    // French
    "termine", "terminee", "reussi", "reussie", "acheve", "achevee", "complete_e", "valide",
    "validee", "oui",
    // Spanish
    "completado", "completada", "aprobado", "aprobada", "finalizado", "finalizada",
    "terminado", "terminada", "superado", "superada", "si",
];

/// Completion status words meaning it was not (or not yet) completed. Moodle's "Completed
/// (did not achieve pass grade)" is a fail: the activity was done, the requirement was not met.
#[rustfmt::skip]
const NOT_COMPLETED: &[&str] = &[
    "enrolled", "enroled", "subscribed", "in_progress", "inprogress", "started",
    "not_started", "not_completed", "incomplete", "failed", "fail", "not_passed",
    "completed_did_not_achieve_pass_grade", "not_attempted", "browsed", "waitlisted",
    "waiting_list", "waiting", "registered", "assigned", "overdue", "withdrawn", "cancelled",
    "canceled", "abandoned", "dropped", "unenrolled", "no_show", "pending", "suspended",
    "false", "no", "n", "0",
    // German
    "in_bearbeitung", "begonnen", "nicht_begonnen", "nicht_bestanden", "nicht_abgeschlossen",
    "angemeldet", "eingeschrieben", "zugewiesen", "uberfallig", "abgebrochen", "offen",
    "nein",
    // French
    "en_cours", "non_commence", "non_commencee", "non_termine", "non_terminee", "echoue",
    "echec", "inscrit", "inscrite", "abandonne", "annule", "en_retard", "non",
    // Spanish
    "en_curso", "en_progreso", "no_iniciado", "no_iniciada", "no_completado",
    "no_completada", "reprobado", "suspenso", "no_aprobado", "inscrito", "inscrita",
    "pendiente", "cancelado", "abandonado", "vencido",
];

/// A completion status word → completed (true) / not completed (false); None for an unknown
/// word. Compared by [`header_key`]; an empty cell is not handled here.
pub(crate) fn completion_status(word: &str) -> Option<bool> {
    lookup(word, COMPLETED, NOT_COMPLETED)
}

/// `word` in `yes` → true, in `no` → false, else None.
fn lookup(word: &str, yes: &[&str], no: &[&str]) -> Option<bool> {
    let key = header_key(word);
    if key.is_empty() {
        None
    } else if yes.contains(&key.as_str()) {
        Some(true)
    } else if no.contains(&key.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// Manager cells that mean "no manager". SuccessFactors' own marker is NO_MANAGER/NO_MGR.
/// "self" is included: some systems make the top person their own manager. Not included:
/// "top", "ceo", "0", "#N/A" — those could be a real reference or a broken lookup, and an
/// unresolved manager is reported by the import rather than silently dropped.
/// "vacant" is included: the manager position is empty (ADP, Workday), so there is no one.
#[rustfmt::skip]
const NO_MANAGER: &[&str] = &[
    "no_manager", "no_mgr", "nomanager", "nomgr", "none", "n_a", "na", "null", "nil",
    "self", "vacant", "unassigned", "kein", "keine", "keiner", "kein_vorgesetzter",
    "keine_vorgesetzte", "nicht_zutreffend", "aucun", "aucune", "sans", "sans_manager",
    "sans_responsable", "ninguno", "ninguna", "sin_jefe", "sin_responsable", "no_aplica",
];

/// A manager cell that means "no manager": NO_MANAGER, none, n/a, na, -, --, null, nil,
/// (none), kein, keine, aucun, ninguno, "no manager", "self", "vacant" (see [`NO_MANAGER`]
/// for what is deliberately left out). Compared by [`header_key`]; an empty cell is not
/// handled here.
pub(crate) fn is_no_manager(cell: &str) -> bool {
    let key = header_key(cell);
    if key.is_empty() {
        // "-", "--", "—": nothing alphanumeric, but not empty.
        let dashes = cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
        return !dashes.is_empty() && dashes.chars().all(|c| matches!(c, '-' | '–' | '—'));
    }
    NO_MANAGER.contains(&key.as_str())
}

/// The words a totals row's label starts with (as header-key words).
const TOTALS_STARTS: &[&[&str]] = &[
    &["total"],
    &["totals"],
    &["grand", "total"],
    &["subtotal"],
    &["sub", "total"],
    &["sum"],
    &["count"],
    &["record", "count"],
    &["records"],
    &["row", "count"],
    &["summe"],
    &["zwischensumme"],
    &["gesamt"],
    &["gesamtsumme"],
    &["insgesamt"],
    &["anzahl"],
    &["totaux"],
    &["sous", "total"],
    &["nombre", "total"],
    &["totales"],
    &["suma"],
    &["numero", "total"],
];

/// How many words (numbers not counted) may follow the label word: "Total employees",
/// "Total de registros", "Total number of records: 1,234".
const TOTALS_MAX_WORDS_AFTER: usize = 4;

/// A cell that labels a totals/summary row at the bottom of a report: "Total", "Totals",
/// "Grand Total", "Total: 42", "Total employees", "Count", "Record count", "Summe", "Gesamt",
/// "Total général", "Totales", "Total de registros"... (starts with such a word, possibly
/// followed by a number, colon or a few words).
pub(crate) fn is_totals_label(cell: &str) -> bool {
    let key = header_key(cell);
    let words: Vec<&str> = key.split('_').filter(|w| !w.is_empty()).collect();
    TOTALS_STARTS.iter().any(|start| {
        words.starts_with(start)
            && words[start.len()..]
                .iter()
                .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
                .count()
                <= TOTALS_MAX_WORDS_AFTER
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const EMPLOYEE_FIELDS: &[&str] = &[
        "employee_id",
        "full_name",
        "first_name",
        "middle_name",
        "last_name",
        "email",
        "role",
        "department",
        "manager_id",
        "birth_year",
        "hire_date",
        "location",
        "active",
        "left_on",
    ];
    const PROGRAM_FIELDS: &[&str] = &[
        "program_id",
        "title",
        "skill_area",
        "format",
        "provider",
        "hours",
        "validity_months",
    ];
    const COMPLETION_FIELDS: &[&str] = &[
        "employee_id",
        "email",
        "username",
        "program_id",
        "title",
        "completed_on",
        "score",
        "certificate_id",
        "status",
        "progress",
    ];
    /// Upskill's own export/template columns.
    const OWN_EMPLOYEES: &str =
        "employee_id,full_name,email,role,department,manager_id,birth_year,hire_date,location,active";
    const OWN_PROGRAMS: &str = "program_id,title,skill_area,format,provider,hours,validity_months";
    const OWN_COMPLETIONS: &str = "employee_id,program_id,completed_on,score,certificate_id";

    const KINDS: [VocabKind; 3] = [
        VocabKind::Employees,
        VocabKind::Programs,
        VocabKind::Completions,
    ];

    fn fields_of(kind: VocabKind) -> &'static [&'static str] {
        match kind {
            VocabKind::Employees => EMPLOYEE_FIELDS,
            VocabKind::Programs => PROGRAM_FIELDS,
            VocabKind::Completions => COMPLETION_FIELDS,
        }
    }

    fn r(field: &'static str, rank: u8) -> Option<Recognised> {
        Some(Recognised { field, rank })
    }

    /// Checks a vendor's header row column by column, then that resolving it (the strongest
    /// header per field) picks `winners` with no tie.
    fn check_row(
        kind: VocabKind,
        row: &str,
        expected: &[Option<Recognised>],
        winners: &[(&str, &str)],
    ) {
        let headers: Vec<&str> = row.split(',').collect();
        assert_eq!(headers.len(), expected.len(), "columns of {row}");
        for (header, want) in headers.iter().zip(expected) {
            assert_eq!(recognise(kind, header), *want, "{kind:?} header {header:?}");
        }
        let mut best: HashMap<&str, (u8, Vec<&str>)> = HashMap::new();
        for &header in &headers {
            if let Some(Recognised { field, rank }) = recognise(kind, header) {
                let entry = best.entry(field).or_insert((rank, Vec::new()));
                if rank < entry.0 {
                    *entry = (rank, Vec::new());
                }
                if rank == entry.0 {
                    entry.1.push(header);
                }
            }
        }
        let mut got: Vec<(&str, &str)> = Vec::new();
        for (field, (_, headers)) in &best {
            assert_eq!(headers.len(), 1, "{kind:?}: tie for {field}: {headers:?}");
            got.push((*field, headers[0]));
        }
        got.sort_unstable();
        let mut want = winners.to_vec();
        want.sort_unstable();
        assert_eq!(got, want, "{kind:?} resolution of {row}");
    }

    #[test]
    fn header_key_folds_case_accents_and_punctuation() {
        let cases = [
            ("Employee #", "employee_number"),
            ("Vorgesetzte/r", "vorgesetzte_r"),
            ("E-Mail (geschäftlich)", "e_mail_geschaftlich"),
            ("Email - Primary Work", "email_primary_work"),
            (" EMPLOYEE_ID ", "employee_id"),
            ("\u{FEFF}employee_id", "employee_id"),
            ("Employee No.", "employee_number"),
            ("Personal-Nr.", "personal_number"),
            ("Nº de empleado", "number_de_empleado"),
            ("N° employé", "number_employe"),
            ("No", "no"),
            ("No. of days", "number_of_days"),
            ("Größe", "grosse"),
            ("Straße", "strasse"),
            ("Año de nacimiento", "ano_de_nacimiento"),
            ("Façade", "facade"),
            ("Intitulé du poste", "intitule_du_poste"),
            ("Date d'embauche", "date_d_embauche"),
            ("Date d’embauche", "date_d_embauche"),
            ("Número de empleado", "numero_de_empleado"),
            ("Œuvre", "oeuvre"),
            ("Cafe\u{301}", "cafe"),
            ("% Complete", "percent_complete"),
            ("Progress (%)", "progress_percent"),
            ("Work Contact: Work Email", "work_contact_work_email"),
            ("  --  ", ""),
            ("", ""),
            ("ÄÖÜ", "aou"),
            ("Имя", "имя"),
            ("a\u{200B}b", "ab"),
            ("Hire\u{A0}Date", "hire_date"),
        ];
        for (header, key) in cases {
            assert_eq!(header_key(header), key, "{header:?}");
        }
    }

    #[test]
    fn tables_are_in_key_form_unique_and_use_known_fields() {
        for kind in KINDS {
            let mut seen: HashMap<&str, &str> = HashMap::new();
            for &(key, field, rank) in table(kind) {
                assert_eq!(
                    header_key(key),
                    key,
                    "{kind:?}: {key} is not in header_key form"
                );
                assert!(
                    fields_of(kind).contains(&field),
                    "{kind:?}: {key} → unknown {field}"
                );
                assert!(rank <= 3, "{kind:?}: {key} rank {rank}");
                if let Some(before) = seen.insert(key, field) {
                    panic!("{kind:?}: {key} listed twice ({before} and {field})");
                }
            }
            for field in fields_of(kind) {
                assert!(
                    table(kind).iter().any(|&(_, f, _)| f == *field),
                    "{kind:?}: no header for {field}"
                );
            }
        }
    }

    #[test]
    fn own_field_names_are_rank_zero() {
        for kind in KINDS {
            for field in fields_of(kind) {
                assert_eq!(recognise(kind, field), r(field, 0), "{kind:?} {field}");
            }
        }
        for (kind, row) in [
            (VocabKind::Employees, OWN_EMPLOYEES),
            (VocabKind::Programs, OWN_PROGRAMS),
            (VocabKind::Completions, OWN_COMPLETIONS),
        ] {
            for field in row.split(',') {
                assert_eq!(
                    recognise(kind, field).map(|m| (m.field, m.rank)),
                    Some((field, 0))
                );
                assert_eq!(
                    recognise(kind, &field.to_uppercase()).map(|m| m.field),
                    Some(field)
                );
            }
        }
    }

    #[test]
    fn ambiguous_words() {
        use VocabKind::*;
        assert_eq!(recognise(Employees, "Name"), r("full_name", 1));
        assert_eq!(recognise(Employees, "Employee"), r("employee_id", 2));
        assert_eq!(recognise(Employees, "ID"), r("employee_id", 2));
        assert_eq!(recognise(Programs, "ID"), r("program_id", 2));
        assert_eq!(recognise(Completions, "ID"), None);
        assert_eq!(recognise(Completions, "User ID"), None);
        assert_eq!(recognise(Completions, "LMS User ID"), None);
        assert_eq!(recognise(Completions, "User Name"), None);
        assert_eq!(recognise(Employees, "Position"), r("role", 1));
        assert_eq!(recognise(Employees, "Position ID"), None);
        assert_eq!(recognise(Employees, "Reports To Position ID"), None);
        assert_eq!(recognise(Employees, "Title"), r("role", 1));
        assert_eq!(recognise(Programs, "Title"), r("title", 0));
        assert_eq!(recognise(Completions, "Title"), r("title", 0));
        assert_eq!(recognise(Employees, "Status"), r("active", 1));
        assert_eq!(recognise(Completions, "Status"), r("status", 0));
        assert_eq!(recognise(Employees, "Coach"), None);
        for personal in [
            "Personal Email",
            "Private Email",
            "Home Email",
            "E-Mail (privat)",
            "Personal Contact: Personal Email",
        ] {
            assert_eq!(recognise(Employees, personal), None, "{personal}");
        }
        for manager in [
            "Manager",
            "Manager ID",
            "Reports To",
            "Supervisor",
            "Supervisor ID",
            "Reports To Name",
            "Line Manager",
            "Vorgesetzte/r",
            "Vorgesetzter",
            "Responsable",
            "Jefe",
        ] {
            assert_eq!(
                recognise(Employees, manager).map(|m| m.field),
                Some("manager_id")
            );
        }
        for name in ["Full Name", "Employee Name"] {
            assert_eq!(recognise(Employees, name), r("full_name", 0));
        }
        for name in ["Display Name", "Legal Name", "Worker"] {
            assert_eq!(recognise(Employees, name), r("full_name", 1));
        }
        assert_eq!(recognise(Employees, "Preferred Name"), r("full_name", 2));
        assert_eq!(recognise(Employees, "Hire Date"), r("hire_date", 0));
        assert_eq!(
            recognise(Employees, "Original Hire Date"),
            r("hire_date", 1)
        );
        assert_eq!(recognise(Employees, "Team"), r("department", 2));
        assert_eq!(
            recognise(Employees, "Supervisory Organization"),
            r("department", 1)
        );
        assert_eq!(recognise(Employees, "Cost Center"), r("department", 3));
        assert_eq!(recognise(Employees, "Service"), r("department", 1));
        assert_eq!(recognise(Completions, "Program"), r("title", 2));
        for header in [
            "Employment Status",
            "Worker Status",
            "Employee Status",
            "Aktiv",
        ] {
            assert_eq!(recognise(Employees, header), r("active", 0), "{header}");
        }
        for header in [
            "Date of Birth",
            "Birth Date",
            "DOB",
            "Geburtsdatum",
            "Date de naissance",
            "Fecha de nacimiento",
            "Year of Birth",
            "Birth Year",
        ] {
            assert_eq!(recognise(Employees, header), r("birth_year", 0), "{header}");
        }
        for header in [
            "Termination Date",
            "Austrittsdatum",
            "Date de sortie",
            "Fecha de baja",
            "Relieving Date",
        ] {
            assert_eq!(recognise(Employees, header), r("left_on", 0), "{header}");
        }
        for header in [
            "External ID",
            "HRIS ID",
            "Employee Number",
            "Employee ID",
            "Personalnummer",
        ] {
            assert_eq!(
                recognise(Completions, header).map(|m| m.field),
                Some("employee_id"),
                "{header}"
            );
        }
        for header in ["Email", "User Email", "Learner Email", "Email address"] {
            assert_eq!(recognise(Completions, header), r("email", 0), "{header}");
        }
        assert_eq!(recognise(Employees, "Shoe size"), None);
        assert_eq!(recognise(Employees, "---"), None);
        assert_eq!(recognise(Employees, ""), None);
    }

    #[test]
    fn bamboohr() {
        check_row(
            VocabKind::Employees,
            "Employee #,First Name,Last Name,Preferred Name,Job Title,Department,Division,Location,\
             Supervisor,Supervisor EID,Hire Date,Original Hire Date,Birth Date,Work Email,Home Email,\
             Status,Employment Status,Termination Date",
            &[
                r("employee_id", 0), r("first_name", 0), r("last_name", 0), r("full_name", 2),
                r("role", 0), r("department", 0), r("department", 3), r("location", 0),
                r("manager_id", 2), r("manager_id", 3), r("hire_date", 0), r("hire_date", 1),
                r("birth_year", 0), r("email", 0), None, r("active", 1), r("active", 0),
                r("left_on", 0),
            ],
            &[
                ("employee_id", "Employee #"), ("first_name", "First Name"),
                ("last_name", "Last Name"), ("full_name", "Preferred Name"),
                ("role", "Job Title"), ("department", "Department"), ("location", "Location"),
                ("manager_id", "Supervisor"), ("hire_date", "Hire Date"),
                ("birth_year", "Birth Date"), ("email", "Work Email"),
                ("active", "Employment Status"), ("left_on", "Termination Date"),
            ],
        );
    }

    #[test]
    fn workday() {
        check_row(
            VocabKind::Employees,
            "Employee ID,Worker,Legal Name - First Name,Legal Name - Last Name,Preferred Name,\
             Business Title,Job Profile,Supervisory Organization,Cost Center,Manager,Location,\
             Hire Date,Original Hire Date,Continuous Service Date,Date of Birth,\
             Email - Primary Work,Worker Type,Active Status,Termination Date",
            &[
                r("employee_id", 0),
                r("full_name", 1),
                r("first_name", 0),
                r("last_name", 0),
                r("full_name", 2),
                r("role", 0),
                r("role", 2),
                r("department", 1),
                r("department", 3),
                r("manager_id", 2),
                r("location", 0),
                r("hire_date", 0),
                r("hire_date", 1),
                r("hire_date", 2),
                r("birth_year", 0),
                r("email", 0),
                None,
                r("active", 0),
                r("left_on", 0),
            ],
            &[
                ("employee_id", "Employee ID"),
                ("full_name", "Worker"),
                ("first_name", "Legal Name - First Name"),
                ("last_name", "Legal Name - Last Name"),
                ("role", "Business Title"),
                ("department", "Supervisory Organization"),
                ("manager_id", "Manager"),
                ("location", "Location"),
                ("hire_date", "Hire Date"),
                ("birth_year", "Date of Birth"),
                ("email", "Email - Primary Work"),
                ("active", "Active Status"),
                ("left_on", "Termination Date"),
            ],
        );
    }

    #[test]
    fn hibob() {
        check_row(
            VocabKind::Employees,
            "Employee ID,Display name,First name,Surname,Email,Job title,Department,Site,\
             Reports to,Start date,Date of birth,Lifecycle status,Termination date",
            &[
                r("employee_id", 0),
                r("full_name", 1),
                r("first_name", 0),
                r("last_name", 0),
                r("email", 0),
                r("role", 0),
                r("department", 0),
                r("location", 1),
                r("manager_id", 2),
                r("hire_date", 0),
                r("birth_year", 0),
                r("active", 1),
                r("left_on", 0),
            ],
            &[
                ("employee_id", "Employee ID"),
                ("full_name", "Display name"),
                ("first_name", "First name"),
                ("last_name", "Surname"),
                ("email", "Email"),
                ("role", "Job title"),
                ("department", "Department"),
                ("location", "Site"),
                ("manager_id", "Reports to"),
                ("hire_date", "Start date"),
                ("birth_year", "Date of birth"),
                ("active", "Lifecycle status"),
                ("left_on", "Termination date"),
            ],
        );
    }

    #[test]
    fn personio_english_and_german() {
        check_row(
            VocabKind::Employees,
            "ID,First name,Last name,Email,Position,Department,Office,Supervisor,Hire date,\
             Date of birth,Status,Termination date",
            &[
                r("employee_id", 2),
                r("first_name", 0),
                r("last_name", 0),
                r("email", 0),
                r("role", 1),
                r("department", 0),
                r("location", 1),
                r("manager_id", 2),
                r("hire_date", 0),
                r("birth_year", 0),
                r("active", 1),
                r("left_on", 0),
            ],
            &[
                ("employee_id", "ID"),
                ("first_name", "First name"),
                ("last_name", "Last name"),
                ("email", "Email"),
                ("role", "Position"),
                ("department", "Department"),
                ("location", "Office"),
                ("manager_id", "Supervisor"),
                ("hire_date", "Hire date"),
                ("birth_year", "Date of birth"),
                ("active", "Status"),
                ("left_on", "Termination date"),
            ],
        );
        check_row(
            VocabKind::Employees,
            "Personalnummer,Vorname,Nachname,E-Mail (geschäftlich),E-Mail (privat),Position,\
             Abteilung,Standort,Vorgesetzte/r,Eintrittsdatum,Geburtsdatum,Status,Austrittsdatum",
            &[
                r("employee_id", 0),
                r("first_name", 0),
                r("last_name", 0),
                r("email", 0),
                None,
                r("role", 1),
                r("department", 0),
                r("location", 0),
                r("manager_id", 2),
                r("hire_date", 0),
                r("birth_year", 0),
                r("active", 1),
                r("left_on", 0),
            ],
            &[
                ("employee_id", "Personalnummer"),
                ("first_name", "Vorname"),
                ("last_name", "Nachname"),
                ("email", "E-Mail (geschäftlich)"),
                ("role", "Position"),
                ("department", "Abteilung"),
                ("location", "Standort"),
                ("manager_id", "Vorgesetzte/r"),
                ("hire_date", "Eintrittsdatum"),
                ("birth_year", "Geburtsdatum"),
                ("active", "Status"),
                ("left_on", "Austrittsdatum"),
            ],
        );
    }

    #[test]
    fn successfactors_user_data_file() {
        // Row 1 (system keys); row 2 holds labels and is the first row the caller must skip.
        check_row(
            VocabKind::Employees,
            "STATUS,USERID,USERNAME,FIRSTNAME,LASTNAME,MI,GENDER,EMAIL,MANAGER,HR,DEPARTMENT,\
             JOBCODE,DIVISION,LOCATION,TIMEZONE,HIREDATE,EMPID,TITLE",
            &[
                r("active", 1),
                r("employee_id", 1),
                None,
                r("first_name", 0),
                r("last_name", 0),
                r("middle_name", 1),
                None,
                r("email", 0),
                r("manager_id", 2),
                None,
                r("department", 0),
                None,
                r("department", 3),
                r("location", 0),
                None,
                r("hire_date", 0),
                r("employee_id", 2),
                r("role", 1),
            ],
            &[
                ("active", "STATUS"),
                ("employee_id", "USERID"),
                ("first_name", "FIRSTNAME"),
                ("last_name", "LASTNAME"),
                ("middle_name", "MI"),
                ("email", "EMAIL"),
                ("manager_id", "MANAGER"),
                ("department", "DEPARTMENT"),
                ("location", "LOCATION"),
                ("hire_date", "HIREDATE"),
                ("role", "TITLE"),
            ],
        );
    }

    #[test]
    fn adp_workforce_now() {
        check_row(
            VocabKind::Employees,
            "Associate ID,File Number,Payroll Name,Legal First Name,Legal Last Name,Position ID,\
             Position Status,Job Title Description,Home Department Description,\
             Location Description,Reports To Name,Reports To Associate ID,Reports To Position ID,\
             Hire Date,Birth Date,Work Contact: Work Email,Personal Contact: Personal Email,\
             Termination Date",
            &[
                r("employee_id", 0),
                r("employee_id", 1),
                r("full_name", 1),
                r("first_name", 0),
                r("last_name", 0),
                None,
                r("active", 1),
                r("role", 0),
                r("department", 0),
                r("location", 0),
                r("manager_id", 2),
                r("manager_id", 0),
                None,
                r("hire_date", 0),
                r("birth_year", 0),
                r("email", 0),
                None,
                r("left_on", 0),
            ],
            &[
                ("employee_id", "Associate ID"),
                ("full_name", "Payroll Name"),
                ("first_name", "Legal First Name"),
                ("last_name", "Legal Last Name"),
                ("active", "Position Status"),
                ("role", "Job Title Description"),
                ("department", "Home Department Description"),
                ("location", "Location Description"),
                ("manager_id", "Reports To Associate ID"),
                ("hire_date", "Hire Date"),
                ("birth_year", "Birth Date"),
                ("email", "Work Contact: Work Email"),
                ("left_on", "Termination Date"),
            ],
        );
    }

    #[test]
    fn rippling() {
        check_row(
            VocabKind::Employees,
            "Employee name,Legal first name,Legal last name,Preferred first name,Work email,Title,\
             Department,Manager,Manager - Work email,Start date,Employment status,Employment type,\
             Work location,End date",
            &[
                r("full_name", 0),
                r("first_name", 0),
                r("last_name", 0),
                r("first_name", 2),
                r("email", 0),
                r("role", 1),
                r("department", 0),
                r("manager_id", 2),
                r("manager_id", 1),
                r("hire_date", 0),
                r("active", 0),
                None,
                r("location", 0),
                r("left_on", 1),
            ],
            &[
                ("full_name", "Employee name"),
                ("first_name", "Legal first name"),
                ("last_name", "Legal last name"),
                ("email", "Work email"),
                ("role", "Title"),
                ("department", "Department"),
                ("manager_id", "Manager - Work email"),
                ("hire_date", "Start date"),
                ("active", "Employment status"),
                ("location", "Work location"),
                ("left_on", "End date"),
            ],
        );
    }

    #[test]
    fn gusto() {
        check_row(
            VocabKind::Employees,
            "First name,Middle initial,Last name,Preferred first name,Work email,Personal email,\
             Job title,Department,Manager,Hire date,Employment status,Work address,Date of birth,\
             Termination date",
            &[
                r("first_name", 0),
                r("middle_name", 1),
                r("last_name", 0),
                r("first_name", 2),
                r("email", 0),
                None,
                r("role", 0),
                r("department", 0),
                r("manager_id", 2),
                r("hire_date", 0),
                r("active", 0),
                r("location", 2),
                r("birth_year", 0),
                r("left_on", 0),
            ],
            &[
                ("first_name", "First name"),
                ("middle_name", "Middle initial"),
                ("last_name", "Last name"),
                ("email", "Work email"),
                ("role", "Job title"),
                ("department", "Department"),
                ("manager_id", "Manager"),
                ("hire_date", "Hire date"),
                ("active", "Employment status"),
                ("location", "Work address"),
                ("birth_year", "Date of birth"),
                ("left_on", "Termination date"),
            ],
        );
    }

    #[test]
    fn frappe_hrms() {
        check_row(
            VocabKind::Employees,
            "ID,Full Name,First Name,Middle Name,Last Name,Gender,Date of Birth,Date of Joining,\
             Status,Company,Department,Designation,Branch,Reports to,Company Email,Personal Email,\
             Relieving Date",
            &[
                r("employee_id", 2),
                r("full_name", 0),
                r("first_name", 0),
                r("middle_name", 0),
                r("last_name", 0),
                None,
                r("birth_year", 0),
                r("hire_date", 0),
                r("active", 1),
                None,
                r("department", 0),
                r("role", 0),
                r("location", 2),
                r("manager_id", 2),
                r("email", 0),
                None,
                r("left_on", 0),
            ],
            &[
                ("employee_id", "ID"),
                ("full_name", "Full Name"),
                ("first_name", "First Name"),
                ("middle_name", "Middle Name"),
                ("last_name", "Last Name"),
                ("birth_year", "Date of Birth"),
                ("hire_date", "Date of Joining"),
                ("active", "Status"),
                ("department", "Department"),
                ("role", "Designation"),
                ("location", "Branch"),
                ("manager_id", "Reports to"),
                ("email", "Company Email"),
                ("left_on", "Relieving Date"),
            ],
        );
        // A report keyed by the link field.
        check_row(
            VocabKind::Employees,
            "Employee,Employee Name,Department,Designation,Status",
            &[
                r("employee_id", 2),
                r("full_name", 0),
                r("department", 0),
                r("role", 0),
                r("active", 1),
            ],
            &[
                ("employee_id", "Employee"),
                ("full_name", "Employee Name"),
                ("department", "Department"),
                ("role", "Designation"),
                ("active", "Status"),
            ],
        );
    }

    #[test]
    fn odoo() {
        check_row(
            VocabKind::Employees,
            "Name,Job Position,Job Title,Department,Manager,Coach,Work Email,Work Mobile,\
             Work Location,Work Address,Date of Birth,Active",
            &[
                r("full_name", 1),
                r("role", 1),
                r("role", 0),
                r("department", 0),
                r("manager_id", 2),
                None,
                r("email", 0),
                None,
                r("location", 0),
                r("location", 2),
                r("birth_year", 0),
                r("active", 0),
            ],
            &[
                ("full_name", "Name"),
                ("role", "Job Title"),
                ("department", "Department"),
                ("manager_id", "Manager"),
                ("email", "Work Email"),
                ("location", "Work Location"),
                ("birth_year", "Date of Birth"),
                ("active", "Active"),
            ],
        );
    }

    #[test]
    fn french_hr_export() {
        check_row(
            VocabKind::Employees,
            "Matricule,Prénom,Nom,Service,Intitulé du poste,Responsable,Date d'embauche,\
             Date de naissance,Lieu de travail,Courriel,Statut,Date de sortie",
            &[
                r("employee_id", 0),
                r("first_name", 0),
                r("last_name", 1),
                r("department", 1),
                r("role", 0),
                r("manager_id", 2),
                r("hire_date", 0),
                r("birth_year", 0),
                r("location", 0),
                r("email", 0),
                r("active", 1),
                r("left_on", 0),
            ],
            &[
                ("employee_id", "Matricule"),
                ("first_name", "Prénom"),
                ("last_name", "Nom"),
                ("department", "Service"),
                ("role", "Intitulé du poste"),
                ("manager_id", "Responsable"),
                ("hire_date", "Date d'embauche"),
                ("birth_year", "Date de naissance"),
                ("location", "Lieu de travail"),
                ("email", "Courriel"),
                ("active", "Statut"),
                ("left_on", "Date de sortie"),
            ],
        );
    }

    #[test]
    fn spanish_hr_export() {
        check_row(
            VocabKind::Employees,
            "Número de empleado,Nombre,Apellidos,Departamento,Puesto,Jefe directo,Fecha de alta,\
             Fecha de nacimiento,Sede,Correo electrónico,Estado,Fecha de baja",
            &[
                r("employee_id", 0),
                r("first_name", 1),
                r("last_name", 0),
                r("department", 0),
                r("role", 0),
                r("manager_id", 2),
                r("hire_date", 0),
                r("birth_year", 0),
                r("location", 0),
                r("email", 0),
                r("active", 1),
                r("left_on", 0),
            ],
            &[
                ("employee_id", "Número de empleado"),
                ("first_name", "Nombre"),
                ("last_name", "Apellidos"),
                ("department", "Departamento"),
                ("role", "Puesto"),
                ("manager_id", "Jefe directo"),
                ("hire_date", "Fecha de alta"),
                ("birth_year", "Fecha de nacimiento"),
                ("location", "Sede"),
                ("email", "Correo electrónico"),
                ("active", "Estado"),
                ("left_on", "Fecha de baja"),
            ],
        );
    }

    #[test]
    fn moodle() {
        check_row(
            VocabKind::Completions,
            "Full name,Email address,Username,ID number,Course full name,Course short name,\
             Time completed,Completion status,Grade",
            &[
                None,
                r("email", 0),
                r("username", 0),
                r("employee_id", 1),
                r("title", 0),
                r("program_id", 1),
                r("completed_on", 0),
                r("status", 0),
                r("score", 0),
            ],
            &[
                ("email", "Email address"),
                ("username", "Username"),
                ("employee_id", "ID number"),
                ("title", "Course full name"),
                ("program_id", "Course short name"),
                ("completed_on", "Time completed"),
                ("status", "Completion status"),
                ("score", "Grade"),
            ],
        );
        // Course upload CSV (programs).
        check_row(
            VocabKind::Programs,
            "shortname,fullname,category,idnumber,summary",
            &[
                r("program_id", 1),
                r("title", 1),
                r("skill_area", 1),
                r("program_id", 2),
                None,
            ],
            &[
                ("program_id", "shortname"),
                ("title", "fullname"),
                ("skill_area", "category"),
            ],
        );
    }

    #[test]
    fn docebo() {
        check_row(
            VocabKind::Completions,
            "Username,First Name,Last Name,Email,Course Name,Course Code,Course Type,\
             Enrollment Date,Completion Date,Status,Score",
            &[
                r("username", 0),
                None,
                None,
                r("email", 0),
                r("title", 0),
                r("program_id", 0),
                None,
                None,
                r("completed_on", 0),
                r("status", 0),
                r("score", 0),
            ],
            &[
                ("username", "Username"),
                ("email", "Email"),
                ("title", "Course Name"),
                ("program_id", "Course Code"),
                ("completed_on", "Completion Date"),
                ("status", "Status"),
                ("score", "Score"),
            ],
        );
        check_row(
            VocabKind::Programs,
            "Course Code,Course Name,Course Type,Category",
            &[
                r("program_id", 0),
                r("title", 0),
                r("format", 1),
                r("skill_area", 1),
            ],
            &[
                ("program_id", "Course Code"),
                ("title", "Course Name"),
                ("format", "Course Type"),
                ("skill_area", "Category"),
            ],
        );
    }

    #[test]
    fn linkedin_learning() {
        check_row(
            VocabKind::Completions,
            "First Name,Last Name,Email,Unique User ID,Content Title,Content ID,Content Type,\
             Content Provider,Percent Completed,Completion Date,Seconds Viewed",
            &[
                None,
                None,
                r("email", 0),
                r("employee_id", 2),
                r("title", 0),
                r("program_id", 0),
                None,
                None,
                r("progress", 0),
                r("completed_on", 0),
                None,
            ],
            &[
                ("email", "Email"),
                ("employee_id", "Unique User ID"),
                ("title", "Content Title"),
                ("program_id", "Content ID"),
                ("progress", "Percent Completed"),
                ("completed_on", "Completion Date"),
            ],
        );
        check_row(
            VocabKind::Programs,
            "Content Title,Content ID,Content Type,Content Provider,Skills",
            &[
                r("title", 0),
                r("program_id", 0),
                r("format", 1),
                r("provider", 0),
                r("skill_area", 1),
            ],
            &[
                ("title", "Content Title"),
                ("program_id", "Content ID"),
                ("format", "Content Type"),
                ("provider", "Content Provider"),
                ("skill_area", "Skills"),
            ],
        );
    }

    #[test]
    fn udemy_business() {
        check_row(
            VocabKind::Completions,
            "User Name,User Surname,User Email,User Role,User External Id,Lms User Id,Course ID,\
             Course Title,Course Category,Course Duration,Course Enroll Date,Course Start Date,\
             Course Completion Date,Course Progress,% Marked Completed",
            &[
                None,
                None,
                r("email", 0),
                None,
                r("employee_id", 1),
                None,
                r("program_id", 0),
                r("title", 0),
                None,
                None,
                None,
                None,
                r("completed_on", 0),
                r("progress", 0),
                r("progress", 1),
            ],
            &[
                ("email", "User Email"),
                ("employee_id", "User External Id"),
                ("program_id", "Course ID"),
                ("title", "Course Title"),
                ("completed_on", "Course Completion Date"),
                ("progress", "Course Progress"),
            ],
        );
        check_row(
            VocabKind::Programs,
            "Course ID,Course Title,Course Category,Course Duration",
            &[r("program_id", 0), r("title", 0), r("skill_area", 0), None],
            &[
                ("program_id", "Course ID"),
                ("title", "Course Title"),
                ("skill_area", "Course Category"),
            ],
        );
    }

    #[test]
    fn pluralsight() {
        // "User ID" is Pluralsight's own id: not the employee's.
        check_row(
            VocabKind::Completions,
            "User ID,First name,Last name,Email,Team name,Note,Is on account,Course ID,\
             Course name,First view date,Completion date,Completion status",
            &[
                None,
                None,
                None,
                r("email", 0),
                None,
                None,
                None,
                r("program_id", 0),
                r("title", 0),
                None,
                r("completed_on", 0),
                r("status", 0),
            ],
            &[
                ("email", "Email"),
                ("program_id", "Course ID"),
                ("title", "Course name"),
                ("completed_on", "Completion date"),
                ("status", "Completion status"),
            ],
        );
    }

    #[test]
    fn programs_in_other_languages() {
        check_row(
            VocabKind::Programs,
            "Kurs-ID,Kurstitel,Kategorie,Lernform,Anbieter,Dauer (Stunden),Gültigkeit (Monate)",
            &[
                r("program_id", 0),
                r("title", 0),
                r("skill_area", 1),
                r("format", 0),
                r("provider", 0),
                r("hours", 0),
                r("validity_months", 0),
            ],
            &[
                ("program_id", "Kurs-ID"),
                ("title", "Kurstitel"),
                ("skill_area", "Kategorie"),
                ("format", "Lernform"),
                ("provider", "Anbieter"),
                ("hours", "Dauer (Stunden)"),
                ("validity_months", "Gültigkeit (Monate)"),
            ],
        );
        check_row(
            VocabKind::Programs,
            "Código del curso,Título del curso,Categoría,Modalidad,Proveedor,Duración (horas)",
            &[
                r("program_id", 0),
                r("title", 0),
                r("skill_area", 1),
                r("format", 0),
                r("provider", 0),
                r("hours", 0),
            ],
            &[
                ("program_id", "Código del curso"),
                ("title", "Título del curso"),
                ("skill_area", "Categoría"),
                ("format", "Modalidad"),
                ("provider", "Proveedor"),
                ("hours", "Duración (horas)"),
            ],
        );
    }

    #[test]
    fn employment_status_words() {
        for word in [
            "Active",
            "ACTIVE",
            "employed",
            "Hired",
            "Accepted",
            "On Leave",
            "Leave of Absence",
            "garden leave",
            "Suspended",
            "Probation",
            "Onboarding",
            "Full-Time",
            "Part-Time",
            "part_time_under_twenty_hours",
            "Contractor",
            "aktiv",
            "Beurlaubt",
            "im Urlaub",
            "actif",
            "en congé",
            "En Congé",
            "activo",
            "en excedencia",
            "true",
            "Yes",
            "Y",
            "1",
            "A",
            "L",
        ] {
            assert_eq!(employment_status(word), Some(true), "{word}");
        }
        for word in [
            "Terminated",
            "left",
            "Leaver",
            "Inactive",
            "Former",
            "resigned",
            "Retired",
            "deceased",
            "Dismissed",
            "separated",
            "Withdrawn",
            "offboarded",
            "inaktiv",
            "ausgeschieden",
            "inactif",
            "parti",
            "Inactivo",
            "Baja",
            "false",
            "No",
            "N",
            "0",
            "T",
        ] {
            assert_eq!(employment_status(word), Some(false), "{word}");
        }
        for word in ["", "  ", "maybe", "Full", "Engineering", "2"] {
            assert_eq!(employment_status(word), None, "{word}");
        }
        for word in EMPLOYED {
            assert!(!NOT_EMPLOYED.contains(word), "{word} both ways");
            assert_eq!(header_key(word), *word);
        }
        for word in NOT_EMPLOYED {
            assert_eq!(header_key(word), *word);
        }
    }

    #[test]
    fn completion_status_words() {
        for word in [
            "Completed",
            "complete",
            "Passed",
            "PASS",
            "finished",
            "Done",
            "achieved",
            "Certified",
            "Completed (achieved pass grade)",
            "abgeschlossen",
            "bestanden",
            "terminé",
            "Réussi",
            "completado",
            "Aprobado",
            "Expired",
            "Yes",
            "1",
        ] {
            assert_eq!(completion_status(word), Some(true), "{word}");
        }
        for word in [
            "Enrolled",
            "Subscribed",
            "In Progress",
            "in_progress",
            "In-Progress",
            "InProgress",
            "Not Started",
            "not completed",
            "Incomplete",
            "Failed",
            "Not attempted",
            "started",
            "waitlisted",
            "Registered",
            "Assigned",
            "Overdue",
            "withdrawn",
            "Cancelled",
            "abandoned",
            "In Bearbeitung",
            "nicht begonnen",
            "Nicht bestanden",
            "En cours",
            "Non commencé",
            "échoué",
            "En curso",
            "No iniciado",
            "Completed (did not achieve pass grade)",
            "No",
            "0",
        ] {
            assert_eq!(completion_status(word), Some(false), "{word}");
        }
        for word in ["", "maybe", "A", "2024-05-01"] {
            assert_eq!(completion_status(word), None, "{word}");
        }
        for word in COMPLETED {
            assert!(!NOT_COMPLETED.contains(word), "{word} both ways");
            assert_eq!(header_key(word), *word);
        }
        for word in NOT_COMPLETED {
            assert_eq!(header_key(word), *word);
        }
    }

    #[test]
    fn no_manager_cells() {
        for cell in [
            "NO_MANAGER",
            "NO_MGR",
            "none",
            "None",
            "(none)",
            "n/a",
            "N/A",
            "NA",
            "-",
            "--",
            " — ",
            "null",
            "NULL",
            "nil",
            "kein",
            "Keine",
            "aucun",
            "Ninguno",
            "No manager",
            "self",
            "Vacant",
        ] {
            assert!(is_no_manager(cell), "{cell:?}");
        }
        for cell in [
            "",
            "  ",
            "E042",
            "jane@example.com",
            "Jane Doe",
            "0",
            "top",
            "-1",
            "#N/A",
        ] {
            assert!(!is_no_manager(cell), "{cell:?}");
        }
        for word in NO_MANAGER {
            assert_eq!(header_key(word), *word);
        }
    }

    #[test]
    fn totals_labels() {
        for cell in [
            "Total",
            "TOTAL",
            "Totals",
            "Grand Total",
            "Total:",
            "Total: 42",
            "Total employees",
            "Total employees: 1,234",
            "Count",
            "Count: 17",
            "Record count",
            "Summe",
            "Gesamt",
            "Total général",
            "Totales",
            "Total de registros",
            "Total number of records: 1,234",
            "Subtotal",
            "Sub-total",
            "Insgesamt 12",
        ] {
            assert!(is_totals_label(cell), "{cell:?}");
        }
        for cell in [
            "",
            "E001",
            "Jane Doe",
            "Totally Awesome Course",
            "Counter",
            "Total rewards and benefits team lead role",
            "Accounting",
            "42",
        ] {
            assert!(!is_totals_label(cell), "{cell:?}");
        }
    }
}
