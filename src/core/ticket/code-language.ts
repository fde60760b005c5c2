/**
 * ZeroPath's `language` → the codeBlock `language` attribute Jira highlights. Keys are lower-case
 * ZeroPath spellings and common aliases; values are Atlassian editor language ids. An unknown
 * language gets no attribute: Jira renders the block as plain code, which beats a wrong highlighter.
 */
const LANGUAGE_ALIASES: Readonly<Record<string, string>> = {
  python: 'python',
  py: 'python',
  typescript: 'typescript',
  ts: 'typescript',
  tsx: 'typescript',
  javascript: 'javascript',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  java: 'java',
  kotlin: 'kotlin',
  kt: 'kotlin',
  scala: 'scala',
  groovy: 'groovy',
  go: 'go',
  golang: 'go',
  ruby: 'ruby',
  rb: 'ruby',
  php: 'php',
  csharp: 'csharp',
  'c#': 'csharp',
  cs: 'csharp',
  c: 'c',
  'c++': 'cpp',
  cpp: 'cpp',
  cc: 'cpp',
  rust: 'rust',
  rs: 'rust',
  swift: 'swift',
  'objective-c': 'objective-c',
  objc: 'objective-c',
  dart: 'dart',
  elixir: 'elixir',
  erlang: 'erlang',
  haskell: 'haskell',
  lua: 'lua',
  perl: 'perl',
  r: 'r',
  shell: 'shell',
  bash: 'shell',
  sh: 'shell',
  zsh: 'shell',
  powershell: 'powershell',
  ps1: 'powershell',
  sql: 'sql',
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  xml: 'xml',
  html: 'html',
  css: 'css',
  sass: 'sass',
  scss: 'sass',
  graphql: 'graphql',
  diff: 'diff',
  // Inferred: Atlassian's editor lists Terraform; ZeroPath reports IaC code as `hcl`.
  hcl: 'terraform',
  terraform: 'terraform',
  tf: 'terraform',
};

export function toAdfCodeLanguage(language: string | undefined): string | undefined {
  if (language === undefined) return undefined;
  return LANGUAGE_ALIASES[language.trim().toLowerCase()];
}

/** Atlassian editor language ids → the names people use (for labels; the id stays on code blocks). */
const LANGUAGE_NAME: Readonly<Record<string, string>> = {
  python: 'Python', typescript: 'TypeScript', javascript: 'JavaScript', java: 'Java', kotlin: 'Kotlin',
  scala: 'Scala', groovy: 'Groovy', go: 'Go', ruby: 'Ruby', php: 'PHP', csharp: 'C#', c: 'C', cpp: 'C++',
  rust: 'Rust', swift: 'Swift', 'objective-c': 'Objective-C', dart: 'Dart', elixir: 'Elixir',
  erlang: 'Erlang', haskell: 'Haskell', lua: 'Lua', perl: 'Perl', r: 'R', shell: 'Shell',
  powershell: 'PowerShell', sql: 'SQL', yaml: 'YAML', json: 'JSON', xml: 'XML', html: 'HTML', css: 'CSS',
  sass: 'Sass', graphql: 'GraphQL', diff: 'Diff', terraform: 'Terraform',
};

/** The file's extension, lower case, when it has one (`.github/x.yml` → `yml`; `Makefile` → none). */
function extensionOf(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  const name = file.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : undefined;
}

/**
 * The language of a finding's code, file extension first: ZeroPath's `language` is the scan's
 * (often the repository's main language), so a Go file in a mostly-Python repository arrives
 * labelled Python. A known extension is the file's own word; otherwise ZeroPath's language is used.
 */
export function codeLanguageOf(file: string | undefined, language: string | undefined): string | undefined {
  const extension = extensionOf(file);
  const fromFile = extension === undefined ? undefined : LANGUAGE_ALIASES[extension];
  return fromFile ?? toAdfCodeLanguage(language);
}

/** The language's name for people (`Go`, `C#`); ZeroPath's own spelling when it is not one we know. */
export function languageLabelOf(file: string | undefined, language: string | undefined): string | undefined {
  const id = codeLanguageOf(file, language);
  if (id !== undefined) return LANGUAGE_NAME[id] ?? id;
  const raw = language?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}
