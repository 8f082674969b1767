import { mdText } from '../documents/markdownText';
import type { NodeTooltip } from './tenantNode';

/** Markdown for a tree item tooltip; every piece of data is escaped (rendered untrusted, without HTML). */
export function tooltipMarkdown(tooltip: NodeTooltip): string {
  const lines = [`**${mdText(tooltip.title)}**`, ''];
  for (const line of tooltip.lines) lines.push(`${line.label ? `*${mdText(line.label)}*: ` : ''}${mdText(line.text)}  `);
  return lines.join('\n');
}
