// The one place that talks to the Rust side. Each function maps to one command in
// docs/ipc.md; arguments use the snake_case keys the commands declare.
import { Channel, invoke } from '@tauri-apps/api/core';
import { toApiError } from './errors';
import type { AppInfo } from './bindings/AppInfo';
import type { CohortInput } from './bindings/CohortInput';
import type { CohortResult } from './bindings/CohortResult';
import type { Completion } from './bindings/Completion';
import type { CompletionInput } from './bindings/CompletionInput';
import type { CompletionPage } from './bindings/CompletionPage';
import type { CompletionQuery } from './bindings/CompletionQuery';
import type { CsvDelimiter } from './bindings/CsvDelimiter';
import type { DateFormat } from './bindings/DateFormat';
import type { Employee } from './bindings/Employee';
import type { EmployeeInput } from './bindings/EmployeeInput';
import type { EmployeePage } from './bindings/EmployeePage';
import type { EmployeeQuery } from './bindings/EmployeeQuery';
import type { ExportSummary } from './bindings/ExportSummary';
import type { ExportTable } from './bindings/ExportTable';
import type { Facets } from './bindings/Facets';
import type { ImportColumns } from './bindings/ImportColumns';
import type { ImportKind } from './bindings/ImportKind';
import type { MappingDraft } from './bindings/MappingDraft';
import type { SavedMapping } from './bindings/SavedMapping';
import type { ImportProgress } from './bindings/ImportProgress';
import type { ImportReport } from './bindings/ImportReport';
import type { Program } from './bindings/Program';
import type { ProgramInput } from './bindings/ProgramInput';
import type { Stats } from './bindings/Stats';
import type { CoverageReport } from './bindings/CoverageReport';
import type { Dashboard } from './bindings/Dashboard';
import type { DashboardQuery } from './bindings/DashboardQuery';
import type { DemoSummary } from './bindings/DemoSummary';
import type { GapQuery } from './bindings/GapQuery';
import type { GapReport } from './bindings/GapReport';
import type { ReportQuery } from './bindings/ReportQuery';
import type { ComplianceDim } from './bindings/ComplianceDim';
import type { ComplianceQuery } from './bindings/ComplianceQuery';
import type { ComplianceReport } from './bindings/ComplianceReport';
import type { Exemption } from './bindings/Exemption';
import type { ExemptionInput } from './bindings/ExemptionInput';
import type { MatrixPage } from './bindings/MatrixPage';
import type { MatrixQuery } from './bindings/MatrixQuery';
import type { Obligation } from './bindings/Obligation';
import type { Requirement } from './bindings/Requirement';
import type { RequirementInput } from './bindings/RequirementInput';
import type { Status } from './bindings/Status';
import type { Target } from './bindings/Target';
import type { TargetInput } from './bindings/TargetInput';
import type { TargetsQuery } from './bindings/TargetsQuery';
import type { TargetsReport } from './bindings/TargetsReport';
import type { TrendQuery } from './bindings/TrendQuery';
import type { TrendReport } from './bindings/TrendReport';
import type { RunningWork } from './bindings/RunningWork';
import type { LeadershipQuery } from './bindings/LeadershipQuery';
import type { PdfSummary } from './bindings/PdfSummary';
import type { PackQuery } from './bindings/PackQuery';
import type { PackSummary } from './bindings/PackSummary';
import type { HistoryPage } from './bindings/HistoryPage';
import type { PeoplePage } from './bindings/PeoplePage';
import type { PastedPeople } from './bindings/PastedPeople';
import type { PersonMatch } from './bindings/PersonMatch';
import type { PeopleQuery } from './bindings/PeopleQuery';
import type { HistoryQuery } from './bindings/HistoryQuery';
import type { Verification } from './bindings/Verification';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

export const appInfo = (): Promise<AppInfo> => call('app_info');
export const stats = (): Promise<Stats> => call('stats');
export const facets = (): Promise<Facets> => call('facets');

export const listEmployees = (query: EmployeeQuery): Promise<EmployeePage> => call('list_employees', { query });
/** Every id the list's filter matches, sorted; paging ignored ("Select all N matching"). */
export const employeeIds = (query: EmployeeQuery): Promise<string[]> => call('employee_ids', { query });
export const getEmployee = (employee_id: string): Promise<Employee> => call('get_employee', { employee_id });
export const createEmployee = (input: EmployeeInput): Promise<Employee> => call('create_employee', { input });
export const updateEmployee = (input: EmployeeInput): Promise<Employee> => call('update_employee', { input });
export const setEmployeeActive = (employee_id: string, active: boolean): Promise<Employee> =>
  call('set_employee_active', { employee_id, active });

export const listPrograms = (include_retired: boolean): Promise<Program[]> => call('list_programs', { include_retired });
export const createProgram = (input: ProgramInput): Promise<Program> => call('create_program', { input });
export const updateProgram = (input: ProgramInput): Promise<Program> => call('update_program', { input });
export const setProgramRetired = (program_id: string, retired: boolean): Promise<Program> =>
  call('set_program_retired', { program_id, retired });

export const listCompletions = (query: CompletionQuery): Promise<CompletionPage> => call('list_completions', { query });
export const employeeHistory = (employee_id: string): Promise<Completion[]> => call('employee_history', { employee_id });
export const logCompletion = (input: CompletionInput): Promise<Completion> => call('log_completion', { input });
export const logCohort = (input: CohortInput): Promise<CohortResult> => call('log_cohort', { input });
export const deleteCompletion = (id: number): Promise<null> => call('delete_completion', { id });

/** The Match columns step for `path`: its columns, samples and the draft of a mapping (`mapping` applied first). */
export const importColumns = (kind: ImportKind, path: string, date_format: DateFormat, mapping: string | null = null): Promise<ImportColumns> =>
  call('import_columns', { kind, path, date_format, mapping });
/** The step's draft as a mapping file's text (the core checks it). */
export const mappingToml = (kind: ImportKind, draft: MappingDraft): Promise<string> => call('mapping_toml', { kind, draft });
/** A dry run: what importing `path` would do, with every problem. Writes nothing. */
export const importPreview = (kind: ImportKind, path: string, date_format: DateFormat, mapping: string | null = null): Promise<ImportReport> =>
  call('import_preview', mapping === null ? { kind, path, date_format } : { kind, path, date_format, mapping });
/** Imports `path` in one transaction; `onProgress` hears about each pass as it goes. */
export function importFile(
  kind: ImportKind,
  path: string,
  options: { skip_invalid: boolean; date_format: DateFormat; mapping?: string | null },
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportReport> {
  const on_progress = new Channel<ImportProgress>(onProgress);
  const { skip_invalid, date_format, mapping = null } = options;
  return call('import_file', { kind, path, skip_invalid, date_format, mapping, on_progress });
}
export const listMappings = (): Promise<SavedMapping[]> => call('list_mappings');
/** Saved mappings of `kind` made for a file with this header row. */
export const matchingMappings = (kind: ImportKind, headers: string[]): Promise<SavedMapping[]> =>
  call('matching_mappings', { kind, headers });
export const saveMapping = (name: string, kind: ImportKind, toml: string, headers: string[]): Promise<SavedMapping> =>
  call('save_mapping', { name, kind, toml, headers });
export const deleteMapping = (name: string): Promise<null> => call('delete_mapping', { name });
/** Stops the running check or import: it then rejects with kind `cancelled`, having changed nothing. */
export const cancelImport = (): Promise<null> => call('cancel_import');
export const saveImportTemplate = (kind: ImportKind, path: string): Promise<null> => call('save_import_template', { kind, path });

export const exportTable = (table: ExportTable, path: string, delimiter: CsvDelimiter): Promise<ExportSummary> =>
  call('export_table', { table, path, delimiter });

/** Fills an empty database with the 500-person demo organisation (a conflict error otherwise). */
export const loadDemo = (): Promise<DemoSummary> => call('load_demo');

// Coverage reports (docs/ipc.md, "Reports"): every number comes from the core.
export const dashboard = (query: DashboardQuery): Promise<Dashboard> => call('dashboard', { query });
export const coverageReport = (query: ReportQuery): Promise<CoverageReport> => call('coverage_report', { query });
export const gapReport = (query: GapQuery): Promise<GapReport> => call('gap_report', { query });
export const exportCoverage = (
  query: ReportQuery,
  path: string,
  delimiter: CsvDelimiter,
  with_notes: boolean,
): Promise<ExportSummary> => call('export_coverage', { query, path, delimiter, with_notes });
export const exportGaps = (query: GapQuery, path: string, delimiter: CsvDelimiter, with_notes: boolean): Promise<ExportSummary> =>
  call('export_gaps', { query, path, delimiter, with_notes });

// Required training (docs/ipc.md, "Compliance"). Reads first, then writes.
export const listRequirements = (include_retired: boolean): Promise<Requirement[]> => call('list_requirements', { include_retired });
/** The requirements in force that name `program_id` (asked before retiring the program). */
export const listRequirementsNamingProgram = (program_id: string): Promise<Requirement[]> =>
  call('list_requirements_naming_program', { program_id });
export const listExemptions = (employee_id: string | null, requirement_id: string | null): Promise<Exemption[]> =>
  call('list_exemptions', { employee_id, requirement_id });
export const complianceReport = (query: ComplianceQuery, by: ComplianceDim[], min_group: number): Promise<ComplianceReport> =>
  call('compliance_report', { query, by, min_group });
/** The action list: obligations of these statuses (none = all), in the list's order. */
export const complianceList = (query: ComplianceQuery, statuses: Status[]): Promise<Obligation[]> =>
  call('compliance_list', { query, statuses });
/** One page of people × requirements (the page is cut in SQL). */
export const complianceMatrix = (query: MatrixQuery): Promise<MatrixPage> => call('compliance_matrix', { query });
export const employeeObligations = (employee_id: string): Promise<Obligation[]> => call('employee_obligations', { employee_id });
export const exportComplianceList = (query: ComplianceQuery, statuses: Status[], path: string, delimiter: CsvDelimiter): Promise<ExportSummary> =>
  call('export_compliance_list', { query, statuses, path, delimiter });
export const exportComplianceMatrix = (query: MatrixQuery, path: string, delimiter: CsvDelimiter): Promise<ExportSummary> =>
  call('export_compliance_matrix', { query, path, delimiter });
export const createRequirement = (input: RequirementInput): Promise<Requirement> => call('create_requirement', { input });
export const updateRequirement = (input: RequirementInput): Promise<Requirement> => call('update_requirement', { input });
export const setRequirementRetired = (requirement_id: string, retired: boolean): Promise<Requirement> =>
  call('set_requirement_retired', { requirement_id, retired });
export const createExemption = (input: ExemptionInput): Promise<Exemption> => call('create_exemption', { input });
export const updateExemption = (input: ExemptionInput): Promise<Exemption> => call('update_exemption', { input });
export const deleteExemption = (employee_id: string, requirement_id: string): Promise<null> =>
  call('delete_exemption', { employee_id, requirement_id });

// Coverage over time and targets (docs/ipc.md, "Trend and targets").
export const listTargets = (): Promise<Target[]> => call('list_targets');
export const trendReport = (query: TrendQuery): Promise<TrendReport> => call('trend_report', { query });
export const targetsReport = (query: TargetsQuery): Promise<TargetsReport> => call('targets_report', { query });
export const exportTrend = (query: TrendQuery, path: string, delimiter: CsvDelimiter, with_notes: boolean): Promise<ExportSummary> =>
  call('export_trend', { query, path, delimiter, with_notes });
export const exportTargetsReport = (query: TargetsQuery, path: string, delimiter: CsvDelimiter, with_notes: boolean): Promise<ExportSummary> =>
  call('export_targets_report', { query, path, delimiter, with_notes });
export const addTarget = (input: TargetInput): Promise<Target> => call('add_target', { input });
export const updateTarget = (input: TargetInput): Promise<Target> => call('update_target', { input });
export const deleteTarget = (target_id: string): Promise<null> => call('delete_target', { target_id });

/** The long write that is running (an import, a check, a restore…), or null. */
export const runningWork = (): Promise<RunningWork | null> => call('running_work');
/** Opens the folder of the log files in the file manager; resolves to its path. */
export const openLogFolder = (): Promise<string> => call('open_log_folder');

// Reports that leave the app (docs/ipc.md, "Outputs"): the same core functions as
// `upskill report pdf` and `upskill pack`.
/** Writes the leadership report as a PDF at `path`. */
export const exportPdf = (query: LeadershipQuery, path: string): Promise<PdfSummary> => call('export_pdf', { query, path });
/** Writes the team pack of `manager_id` into `folder` (as `<id>-<name>/`). */
export const exportTeamPack = (manager_id: string, query: PackQuery, folder: string): Promise<PackSummary> =>
  call('export_team_pack', { manager_id, query, folder });

// The audit trail (docs/ipc.md, "History"): reads only; the trail is written by the core.
/** One page of the trail, newest first, and how many entries pass the filter. */
export const historyPage = (query: HistoryQuery): Promise<HistoryPage> => call('history_page', { query });
/** Checks the trail's hash chain, as `upskill audit verify`. */
export const verifyHistory = (): Promise<Verification> => call('verify_history');

/** The people behind a figure (docs/ipc.md, "Reports and the demo"): a page, sorted by id. */
export const peoplePage = (query: PeopleQuery, offset: number, limit: number): Promise<PeoplePage> =>
  call('people_page', { query, offset, limit });
/** Every id of the people behind a figure, sorted (a cohort of them). */
export const peopleIds = (query: PeopleQuery): Promise<string[]> => call('people_ids', { query });
/** A pasted list of ids, e-mails or full names, resolved to employee ids (the cohort dialog). */
/** The person picker's typeahead: the first `limit` (1 to 100) employees whose id, name or e-mail contains `text`, best first. */
export const searchPeople = (text: string, limit: number): Promise<PersonMatch[]> => call('search_people', { text, limit });
export const resolvePastedPeople = (text: string): Promise<PastedPeople> => call('resolve_pasted_people', { text });
