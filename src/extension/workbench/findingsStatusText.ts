// No vscode import: testable anywhere.

/** Text of the findings status bar item: how many findings, how many of them high or critical. */
export function findingsStatusText(findings: number, serious: number): string {
  const noun = findings === 1 ? 'finding' : 'findings';
  return serious > 0 ? `$(shield) ${findings} ${noun} (${serious} high+)` : `$(shield) ${findings} ${noun}`;
}
