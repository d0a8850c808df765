// Parse and lint Cypher statements with Neo4j's own parser (@neo4j-cypher/language-support).
//
// Input on stdin: {"statements": {"name": "cypher text", ...}, "schema": {labels, relationshipTypes,
// propertyKeys}}. Output on stdout: {"version": "...", "diagnostics": {"name": [{severity, message,
// offset}], ...}}. Severity 1 is an error, 2 a warning (the LSP's DiagnosticSeverity).
'use strict';
const { lintCypherQuery } = require('@neo4j-cypher/language-support');
const fs = require('fs');
const path = require('path');

// The version actually installed (the package does not export its package.json).
const main = require.resolve('@neo4j-cypher/language-support');
const manifest = path.join(main.slice(0, main.lastIndexOf('node_modules')), 'node_modules',
  '@neo4j-cypher', 'language-support', 'package.json');
const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8'));

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const { statements, schema } = JSON.parse(input);
  const diagnostics = {};
  for (const [name, text] of Object.entries(statements)) {
    diagnostics[name] = lintCypherQuery(text, schema || {}).map((d) => ({
      severity: d.severity,
      message: d.message,
      offset: d.offsets ? d.offsets.start : null,
    }));
  }
  process.stdout.write(JSON.stringify({ version, diagnostics }));
});
