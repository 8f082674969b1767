/**
 * Every query the query tests accept (they run without errors). The KQL compatibility test checks
 * each one with the official Kusto parser, so EXQ stays a subset of KQL. Tests register their
 * queries here when they are defined (not when they run), so the list is complete before any test runs.
 */
export const acceptedQueries: string[] = [];

/** Registers `query` as accepted and returns it. */
export function accepted(query: string): string {
  if (!acceptedQueries.includes(query)) acceptedQueries.push(query);
  return query;
}
