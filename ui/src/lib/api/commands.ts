// Generated from the #[tauri::command] functions in src-tauri/src/commands/ by
// src-tauri/src/ipc_contract.rs (`cargo test`). Do not edit: change the command.
// Each wrapper sends the command's snake_case argument keys; rejections are ApiError.
import type { Channel } from '@tauri-apps/api/core';
import { call } from './call';
import type { AppInfo } from './bindings/AppInfo';
import type { BackupEntry } from './bindings/BackupEntry';
import type { BackupInfo } from './bindings/BackupInfo';
import type { CohortInput } from './bindings/CohortInput';
import type { CohortResult } from './bindings/CohortResult';
import type { Completion } from './bindings/Completion';
import type { CompletionInput } from './bindings/CompletionInput';
import type { CompletionPage } from './bindings/CompletionPage';
import type { CompletionQuery } from './bindings/CompletionQuery';
import type { ComplianceDim } from './bindings/ComplianceDim';
import type { ComplianceQuery } from './bindings/ComplianceQuery';
import type { ComplianceReport } from './bindings/ComplianceReport';
import type { CoverageReport } from './bindings/CoverageReport';
import type { Dashboard } from './bindings/Dashboard';
import type { DashboardQuery } from './bindings/DashboardQuery';
import type { DateFormat } from './bindings/DateFormat';
import type { Delimiter } from './bindings/Delimiter';
import type { Employee } from './bindings/Employee';
import type { EmployeeInput } from './bindings/EmployeeInput';
import type { EmployeePage } from './bindings/EmployeePage';
import type { EmployeeQuery } from './bindings/EmployeeQuery';
import type { Exemption } from './bindings/Exemption';
import type { ExemptionInput } from './bindings/ExemptionInput';
import type { ExportSummary } from './bindings/ExportSummary';
import type { ExportTable } from './bindings/ExportTable';
import type { Facets } from './bindings/Facets';
import type { GapQuery } from './bindings/GapQuery';
import type { GapReport } from './bindings/GapReport';
import type { HistoryPage } from './bindings/HistoryPage';
import type { HistoryQuery } from './bindings/HistoryQuery';
import type { ImportColumns } from './bindings/ImportColumns';
import type { ImportKind } from './bindings/ImportKind';
import type { ImportProgress } from './bindings/ImportProgress';
import type { ImportReport } from './bindings/ImportReport';
import type { LeadershipQuery } from './bindings/LeadershipQuery';
import type { MappingDraft } from './bindings/MappingDraft';
import type { MatrixPage } from './bindings/MatrixPage';
import type { MatrixQuery } from './bindings/MatrixQuery';
import type { Obligation } from './bindings/Obligation';
import type { PackQuery } from './bindings/PackQuery';
import type { PackSummary } from './bindings/PackSummary';
import type { PastedPeople } from './bindings/PastedPeople';
import type { PdfSummary } from './bindings/PdfSummary';
import type { PeoplePage } from './bindings/PeoplePage';
import type { PeopleQuery } from './bindings/PeopleQuery';
import type { PersonMatch } from './bindings/PersonMatch';
import type { Program } from './bindings/Program';
import type { ProgramInput } from './bindings/ProgramInput';
import type { ReportOptions } from './bindings/ReportOptions';
import type { ReportQuery } from './bindings/ReportQuery';
import type { Requirement } from './bindings/Requirement';
import type { RequirementInput } from './bindings/RequirementInput';
import type { RestoreInfo } from './bindings/RestoreInfo';
import type { RunningWork } from './bindings/RunningWork';
import type { SavedMapping } from './bindings/SavedMapping';
import type { StartupReport } from './bindings/StartupReport';
import type { Stats } from './bindings/Stats';
import type { Status } from './bindings/Status';
import type { Target } from './bindings/Target';
import type { TargetInput } from './bindings/TargetInput';
import type { TargetsQuery } from './bindings/TargetsQuery';
import type { TargetsReport } from './bindings/TargetsReport';
import type { TrendQuery } from './bindings/TrendQuery';
import type { TrendReport } from './bindings/TrendReport';
import type { Verification } from './bindings/Verification';

/** Every command: the arguments the window sends and what it answers. */
export interface Commands {
  startup_status: { args: Record<string, never>; result: StartupReport };
  backup_now: { args: { path: string }; result: BackupInfo };
  list_backups: { args: Record<string, never>; result: BackupEntry[] };
  restore_backup: { args: { path: string }; result: RestoreInfo };
  restore_latest_backup: { args: Record<string, never>; result: RestoreInfo };
  quit_app: { args: Record<string, never>; result: null };
  list_completions: { args: { query: CompletionQuery }; result: CompletionPage };
  employee_history: { args: { employee_id: string }; result: Completion[] };
  log_completion: { args: { input: CompletionInput }; result: Completion };
  resolve_pasted_people: { args: { text: string }; result: PastedPeople };
  log_cohort: { args: { input: CohortInput }; result: CohortResult };
  delete_completion: { args: { id: number }; result: null };
  list_requirements: { args: { include_retired: boolean }; result: Requirement[] };
  list_requirements_naming_program: { args: { program_id: string }; result: Requirement[] };
  list_exemptions: { args: { employee_id: string | null; requirement_id: string | null }; result: Exemption[] };
  compliance_report: { args: { query: ComplianceQuery; by: ComplianceDim[]; min_group: number }; result: ComplianceReport };
  compliance_list: { args: { query: ComplianceQuery; statuses: Status[] }; result: Obligation[] };
  compliance_matrix: { args: { query: MatrixQuery }; result: MatrixPage };
  employee_obligations: { args: { employee_id: string }; result: Obligation[] };
  export_compliance_list: { args: { query: ComplianceQuery; statuses: Status[]; path: string; delimiter: Delimiter }; result: ExportSummary };
  export_compliance_matrix: { args: { query: MatrixQuery; path: string; delimiter: Delimiter }; result: ExportSummary };
  create_requirement: { args: { input: RequirementInput }; result: Requirement };
  update_requirement: { args: { input: RequirementInput }; result: Requirement };
  set_requirement_retired: { args: { requirement_id: string; retired: boolean }; result: Requirement };
  create_exemption: { args: { input: ExemptionInput }; result: Exemption };
  update_exemption: { args: { input: ExemptionInput }; result: Exemption };
  delete_exemption: { args: { employee_id: string; requirement_id: string }; result: null };
  open_database: { args: { path: string }; result: string };
  new_database: { args: { path: string }; result: string };
  recent_databases: { args: Record<string, never>; result: string[] };
  open_demo: { args: Record<string, never>; result: string };
  leave_demo: { args: Record<string, never>; result: string };
  employee_ids: { args: { query: EmployeeQuery }; result: string[] };
  search_people: { args: { text: string; limit: number }; result: PersonMatch[] };
  list_employees: { args: { query: EmployeeQuery }; result: EmployeePage };
  get_employee: { args: { employee_id: string }; result: Employee };
  create_employee: { args: { input: EmployeeInput }; result: Employee };
  update_employee: { args: { input: EmployeeInput }; result: Employee };
  set_employee_active: { args: { employee_id: string; active: boolean }; result: Employee };
  export_table: { args: { table: ExportTable; path: string; delimiter: Delimiter }; result: ExportSummary };
  history_page: { args: { query: HistoryQuery }; result: HistoryPage };
  verify_history: { args: Record<string, never>; result: Verification };
  import_columns: { args: { kind: ImportKind; path: string; date_format: DateFormat; mapping: string | null }; result: ImportColumns };
  mapping_toml: { args: { kind: ImportKind; draft: MappingDraft }; result: string };
  import_preview: { args: { kind: ImportKind; path: string; date_format: DateFormat; mapping: string | null }; result: ImportReport };
  import_file: { args: { kind: ImportKind; path: string; skip_invalid: boolean; date_format: DateFormat; mapping: string | null; on_progress: Channel<ImportProgress> }; result: ImportReport };
  cancel_import: { args: Record<string, never>; result: null };
  save_import_template: { args: { kind: ImportKind; path: string }; result: null };
  list_mappings: { args: Record<string, never>; result: SavedMapping[] };
  matching_mappings: { args: { kind: ImportKind; headers: string[] }; result: SavedMapping[] };
  save_mapping: { args: { name: string; kind: ImportKind; toml: string; headers: string[] }; result: SavedMapping };
  delete_mapping: { args: { name: string }; result: null };
  export_pdf: { args: { query: LeadershipQuery; path: string }; result: PdfSummary };
  export_team_pack: { args: { manager_id: string; query: PackQuery; folder: string }; result: PackSummary };
  list_programs: { args: { include_retired: boolean }; result: Program[] };
  create_program: { args: { input: ProgramInput }; result: Program };
  update_program: { args: { input: ProgramInput }; result: Program };
  set_program_retired: { args: { program_id: string; retired: boolean }; result: Program };
  app_info: { args: Record<string, never>; result: AppInfo };
  stats: { args: Record<string, never>; result: Stats };
  facets: { args: Record<string, never>; result: Facets };
  running_work: { args: Record<string, never>; result: RunningWork | null };
  open_log_folder: { args: Record<string, never>; result: string };
  dashboard: { args: { query: DashboardQuery }; result: Dashboard };
  people_page: { args: { query: PeopleQuery; offset: number; limit: number }; result: PeoplePage };
  people_ids: { args: { query: PeopleQuery }; result: string[] };
  coverage_report: { args: { query: ReportQuery }; result: CoverageReport };
  gap_report: { args: { query: GapQuery }; result: GapReport };
  export_coverage: { args: { query: ReportQuery; options: ReportOptions; path: string; delimiter: Delimiter; with_notes: boolean }; result: ExportSummary };
  export_gaps: { args: { query: GapQuery; options: ReportOptions; path: string; delimiter: Delimiter; with_notes: boolean }; result: ExportSummary };
  list_targets: { args: Record<string, never>; result: Target[] };
  trend_report: { args: { query: TrendQuery }; result: TrendReport };
  targets_report: { args: { query: TargetsQuery }; result: TargetsReport };
  export_trend: { args: { query: TrendQuery; path: string; delimiter: Delimiter; with_notes: boolean }; result: ExportSummary };
  export_targets_report: { args: { query: TargetsQuery; path: string; delimiter: Delimiter; with_notes: boolean }; result: ExportSummary };
  add_target: { args: { input: TargetInput }; result: Target };
  update_target: { args: { input: TargetInput }; result: Target };
  delete_target: { args: { target_id: string }; result: null };
}

/** The names of every command, in the order of their source files. */
export const COMMANDS = [
  'startup_status',
  'backup_now',
  'list_backups',
  'restore_backup',
  'restore_latest_backup',
  'quit_app',
  'list_completions',
  'employee_history',
  'log_completion',
  'resolve_pasted_people',
  'log_cohort',
  'delete_completion',
  'list_requirements',
  'list_requirements_naming_program',
  'list_exemptions',
  'compliance_report',
  'compliance_list',
  'compliance_matrix',
  'employee_obligations',
  'export_compliance_list',
  'export_compliance_matrix',
  'create_requirement',
  'update_requirement',
  'set_requirement_retired',
  'create_exemption',
  'update_exemption',
  'delete_exemption',
  'open_database',
  'new_database',
  'recent_databases',
  'open_demo',
  'leave_demo',
  'employee_ids',
  'search_people',
  'list_employees',
  'get_employee',
  'create_employee',
  'update_employee',
  'set_employee_active',
  'export_table',
  'history_page',
  'verify_history',
  'import_columns',
  'mapping_toml',
  'import_preview',
  'import_file',
  'cancel_import',
  'save_import_template',
  'list_mappings',
  'matching_mappings',
  'save_mapping',
  'delete_mapping',
  'export_pdf',
  'export_team_pack',
  'list_programs',
  'create_program',
  'update_program',
  'set_program_retired',
  'app_info',
  'stats',
  'facets',
  'running_work',
  'open_log_folder',
  'dashboard',
  'people_page',
  'people_ids',
  'coverage_report',
  'gap_report',
  'export_coverage',
  'export_gaps',
  'list_targets',
  'trend_report',
  'targets_report',
  'export_trend',
  'export_targets_report',
  'add_target',
  'update_target',
  'delete_target',
] as const satisfies readonly (keyof Commands)[];

export const startupStatus = (): Promise<StartupReport> =>
  call('startup_status');

export const backupNow = (path: string): Promise<BackupInfo> =>
  call('backup_now', { path });

export const listBackups = (): Promise<BackupEntry[]> =>
  call('list_backups');

export const restoreBackup = (path: string): Promise<RestoreInfo> =>
  call('restore_backup', { path });

export const restoreLatestBackup = (): Promise<RestoreInfo> =>
  call('restore_latest_backup');

/**
 * The recovery screen's "Quit": the damaged file stays as it is.
 */
export const quitApp = (): Promise<null> =>
  call('quit_app');

export const listCompletions = (query: CompletionQuery): Promise<CompletionPage> =>
  call('list_completions', { query });

export const employeeHistory = (employee_id: string): Promise<Completion[]> =>
  call('employee_history', { employee_id });

export const logCompletion = (input: CompletionInput): Promise<Completion> =>
  call('log_completion', { input });

/**
 * A pasted list of ids, e-mails or names, resolved for the cohort dialog.
 */
export const resolvePastedPeople = (text: string): Promise<PastedPeople> =>
  call('resolve_pasted_people', { text });

export const logCohort = (input: CohortInput): Promise<CohortResult> =>
  call('log_cohort', { input });

export const deleteCompletion = (id: number): Promise<null> =>
  call('delete_completion', { id });

export const listRequirements = (include_retired: boolean): Promise<Requirement[]> =>
  call('list_requirements', { include_retired });

/**
 * The requirements in force that name this program (asked before the program is retired).
 */
export const listRequirementsNamingProgram = (program_id: string): Promise<Requirement[]> =>
  call('list_requirements_naming_program', { program_id });

export const listExemptions = (employee_id: string | null = null, requirement_id: string | null = null): Promise<Exemption[]> =>
  call('list_exemptions', { employee_id, requirement_id });

export const complianceReport = (query: ComplianceQuery, by: ComplianceDim[], min_group: number): Promise<ComplianceReport> =>
  call('compliance_report', { query, by, min_group });

/**
 * The action list: the obligations of the given statuses (none = all).
 */
export const complianceList = (query: ComplianceQuery, statuses: Status[]): Promise<Obligation[]> =>
  call('compliance_list', { query, statuses });

export const complianceMatrix = (query: MatrixQuery): Promise<MatrixPage> =>
  call('compliance_matrix', { query });

/**
 * One person's obligations today (W = the default 90 days).
 */
export const employeeObligations = (employee_id: string): Promise<Obligation[]> =>
  call('employee_obligations', { employee_id });

export const exportComplianceList = (query: ComplianceQuery, statuses: Status[], path: string, delimiter: Delimiter): Promise<ExportSummary> =>
  call('export_compliance_list', { query, statuses, path, delimiter });

export const exportComplianceMatrix = (query: MatrixQuery, path: string, delimiter: Delimiter): Promise<ExportSummary> =>
  call('export_compliance_matrix', { query, path, delimiter });

export const createRequirement = (input: RequirementInput): Promise<Requirement> =>
  call('create_requirement', { input });

export const updateRequirement = (input: RequirementInput): Promise<Requirement> =>
  call('update_requirement', { input });

export const setRequirementRetired = (requirement_id: string, retired: boolean): Promise<Requirement> =>
  call('set_requirement_retired', { requirement_id, retired });

export const createExemption = (input: ExemptionInput): Promise<Exemption> =>
  call('create_exemption', { input });

export const updateExemption = (input: ExemptionInput): Promise<Exemption> =>
  call('update_exemption', { input });

export const deleteExemption = (employee_id: string, requirement_id: string): Promise<null> =>
  call('delete_exemption', { employee_id, requirement_id });

/**
 * Opens the existing database at `path` in this window.
 */
export const openDatabase = (path: string): Promise<string> =>
  call('open_database', { path });

/**
 * Creates a new, empty database at `path` (never over a file) and opens it in this window.
 */
export const newDatabase = (path: string): Promise<string> =>
  call('new_database', { path });

/**
 * The database files opened lately that still exist, most recent first, without the open one.
 */
export const recentDatabases = (): Promise<string[]> =>
  call('recent_databases');

/**
 * Opens the demo organisation in its own file beside the open database (made on first use).
 */
export const openDemo = (): Promise<string> =>
  call('open_demo');

/**
 * Leaves the demo for the last database opened that is not a demo's file.
 */
export const leaveDemo = (): Promise<string> =>
  call('leave_demo');

/**
 * Every id the list's filter matches ("Select all N matching").
 */
export const employeeIds = (query: EmployeeQuery): Promise<string[]> =>
  call('employee_ids', { query });

/**
 * The person picker's typeahead: the first `limit` employees whose id, name or e-mail
 * contains `text`, best matches first.
 */
export const searchPeople = (text: string, limit: number): Promise<PersonMatch[]> =>
  call('search_people', { text, limit });

export const listEmployees = (query: EmployeeQuery): Promise<EmployeePage> =>
  call('list_employees', { query });

export const getEmployee = (employee_id: string): Promise<Employee> =>
  call('get_employee', { employee_id });

export const createEmployee = (input: EmployeeInput): Promise<Employee> =>
  call('create_employee', { input });

export const updateEmployee = (input: EmployeeInput): Promise<Employee> =>
  call('update_employee', { input });

export const setEmployeeActive = (employee_id: string, active: boolean): Promise<Employee> =>
  call('set_employee_active', { employee_id, active });

export const exportTable = (table: ExportTable, path: string, delimiter: Delimiter): Promise<ExportSummary> =>
  call('export_table', { table, path, delimiter });

export const historyPage = (query: HistoryQuery): Promise<HistoryPage> =>
  call('history_page', { query });

export const verifyHistory = (): Promise<Verification> =>
  call('verify_history');

/**
 * The Match columns step: the file's columns, samples and what each field is read from.
 * It reads the file only, so it runs beside any write.
 */
export const importColumns = (kind: ImportKind, path: string, date_format: DateFormat, mapping: string | null = null): Promise<ImportColumns> =>
  call('import_columns', { kind, path, date_format, mapping });

/**
 * The step's draft as a mapping file's text (checked by the core's parser).
 */
export const mappingToml = (kind: ImportKind, draft: MappingDraft): Promise<string> =>
  call('mapping_toml', { kind, draft });

/**
 * "Check file": a dry run on the writer connection (it stages the rows and rolls back), so it
 * is a long write the window shows, with a Cancel.
 */
export const importPreview = (kind: ImportKind, path: string, date_format: DateFormat, mapping: string | null = null): Promise<ImportReport> =>
  call('import_preview', { kind, path, date_format, mapping });

export const importFile = (kind: ImportKind, path: string, skip_invalid: boolean, date_format: DateFormat, mapping: string | null, on_progress: Channel<ImportProgress>): Promise<ImportReport> =>
  call('import_file', { kind, path, skip_invalid, date_format, mapping, on_progress });

/**
 * Cancel, from the Import page or the running-work strip: the running import or check (and
 * the latest column read) stops and changes nothing.
 */
export const cancelImport = (): Promise<null> =>
  call('cancel_import');

export const saveImportTemplate = (kind: ImportKind, path: string): Promise<null> =>
  call('save_import_template', { kind, path });

export const listMappings = (): Promise<SavedMapping[]> =>
  call('list_mappings');

/**
 * The saved mappings of `kind` made for a file with this header row.
 */
export const matchingMappings = (kind: ImportKind, headers: string[]): Promise<SavedMapping[]> =>
  call('matching_mappings', { kind, headers });

export const saveMapping = (name: string, kind: ImportKind, toml: string, headers: string[]): Promise<SavedMapping> =>
  call('save_mapping', { name, kind, toml, headers });

export const deleteMapping = (name: string): Promise<null> =>
  call('delete_mapping', { name });

export const exportPdf = (query: LeadershipQuery, path: string): Promise<PdfSummary> =>
  call('export_pdf', { query, path });

export const exportTeamPack = (manager_id: string, query: PackQuery, folder: string): Promise<PackSummary> =>
  call('export_team_pack', { manager_id, query, folder });

export const listPrograms = (include_retired: boolean): Promise<Program[]> =>
  call('list_programs', { include_retired });

export const createProgram = (input: ProgramInput): Promise<Program> =>
  call('create_program', { input });

export const updateProgram = (input: ProgramInput): Promise<Program> =>
  call('update_program', { input });

export const setProgramRetired = (program_id: string, retired: boolean): Promise<Program> =>
  call('set_program_retired', { program_id, retired });

export const appInfo = (): Promise<AppInfo> =>
  call('app_info');

export const stats = (): Promise<Stats> =>
  call('stats');

export const facets = (): Promise<Facets> =>
  call('facets');

/**
 * The long write that is running, if any: a page that was left during an import finds it here.
 */
export const runningWork = (): Promise<RunningWork | null> =>
  call('running_work');

/**
 * Settings' "Open log folder": the folder of the log files, in the system's file manager.
 */
export const openLogFolder = (): Promise<string> =>
  call('open_log_folder');

export const dashboard = (query: DashboardQuery): Promise<Dashboard> =>
  call('dashboard', { query });

/**
 * The people behind a figure (a bar, a row): one page, and how many match in all.
 */
export const peoplePage = (query: PeopleQuery, offset: number, limit: number): Promise<PeoplePage> =>
  call('people_page', { query, offset, limit });

/**
 * Every id of the people behind a figure ("Log a cohort for these N").
 */
export const peopleIds = (query: PeopleQuery): Promise<string[]> =>
  call('people_ids', { query });

export const coverageReport = (query: ReportQuery): Promise<CoverageReport> =>
  call('coverage_report', { query });

export const gapReport = (query: GapQuery): Promise<GapReport> =>
  call('gap_report', { query });

/**
 * Writes the report as CSV, laid out as `options` say (the Dashboard's pooling), so a panel
 * exports the rows it shows.
 */
export const exportCoverage = (query: ReportQuery, options: ReportOptions, path: string, delimiter: Delimiter, with_notes: boolean): Promise<ExportSummary> =>
  call('export_coverage', { query, options, path, delimiter, with_notes });

/**
 * Writes the report as CSV, laid out as `options` say (the Dashboard's pooling), so a panel
 * exports the rows it shows.
 */
export const exportGaps = (query: GapQuery, options: ReportOptions, path: string, delimiter: Delimiter, with_notes: boolean): Promise<ExportSummary> =>
  call('export_gaps', { query, options, path, delimiter, with_notes });

export const listTargets = (): Promise<Target[]> =>
  call('list_targets');

export const trendReport = (query: TrendQuery): Promise<TrendReport> =>
  call('trend_report', { query });

export const targetsReport = (query: TargetsQuery): Promise<TargetsReport> =>
  call('targets_report', { query });

export const exportTrend = (query: TrendQuery, path: string, delimiter: Delimiter, with_notes: boolean): Promise<ExportSummary> =>
  call('export_trend', { query, path, delimiter, with_notes });

export const exportTargetsReport = (query: TargetsQuery, path: string, delimiter: Delimiter, with_notes: boolean): Promise<ExportSummary> =>
  call('export_targets_report', { query, path, delimiter, with_notes });

export const addTarget = (input: TargetInput): Promise<Target> =>
  call('add_target', { input });

export const updateTarget = (input: TargetInput): Promise<Target> =>
  call('update_target', { input });

export const deleteTarget = (target_id: string): Promise<null> =>
  call('delete_target', { target_id });
