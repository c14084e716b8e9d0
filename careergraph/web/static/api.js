// The GraphQL queries the career map sends, and how it sends them (`POST /graphql`).
// Copy a query into GraphiQL (/graphql) to see what it returns.

// Every role with the moves out of it, its levels and its specializations.
export const CAREER_MAP = `
query CareerMap {
  roles {
    id
    name
    nextRoles { id }
    levels { id name aliases nextPositions { id } }
    specializations { id name aliases }
  }
}`;

// The rungs of the ladder that holds a role, entry rung first.
export const LADDER = `
query Ladder($role: String!) {
  ladder(role: $role) {
    rung
    roles { id }
  }
}`;

// Type-ahead for the pickers: career positions only, best match first.
export const POSITION_SEARCH = `
query PositionSearch($text: String!) {
  search(text: $text, kinds: [ROLE, LEVEL, SPECIALIZATION], first: 8) {
    entity { id name kind }
  }
}`;

// The shortest path, up to five shortest paths to step through, and whether a path leads back
// (so the page only suggests swapping start and goal when that helps).
// Every move quotes the sentence of the guide that states it.
export const CAREER_PATHS = `
query CareerPaths($from: String!, $to: String!) {
  shortest: careerPath(from: $from, to: $to) { ...Route }
  alternatives: careerPaths(from: $from, to: $to, k: 5) { ...Route }
  back: careerPath(from: $to, to: $from) { hops }
}

fragment Route on CareerPath {
  hops
  steps {
    via
    entity { id name kind aliases }
    sources { document line text }
    changes {
      responsibilities { gained { name } }
      teams { gained { name } }
      skills { gained { name } }
    }
  }
}`;

// One position: what it is, and, each quoting the guide, what it does
// (by level for a role), which teams it works with and what it needs.
export const POSITION = `
query Position($id: String!) {
  entity(name: $id) {
    id
    name
    kind
    aliases
    description
    sources { ...Quote }
    responsibilities: relations(type: HAS_RESPONSIBILITY, direction: OUTGOING, first: 30) { nodes { ...Fact } }
    teams: relations(type: COLLABORATES_WITH, direction: OUTGOING, first: 30) { nodes { ...Fact } }
    skills: relations(type: REQUIRES_SKILL, direction: OUTGOING, first: 30) { nodes { ...Fact } }
    ... on Role {
      levels {
        id
        name
        responsibilities: relations(type: HAS_RESPONSIBILITY, direction: OUTGOING, first: 30) { nodes { ...Fact } }
      }
      specializations { id name }
    }
    ... on Level { role { id name } }
    ... on Specialization { role { id name } }
  }
}

fragment Fact on Relation {
  node { id name kind }
  sources { ...Quote }
}

fragment Quote on Source { document line text }`;

// ---------------------------------------------------------------------------
// GraphQL over HTTP.

/** A GraphQL error the user should read: `code` and `suggestions` come from `extensions`. */
export class ApiError extends Error {
  constructor(message, code = "", suggestions = []) {
    super(message);
    this.code = code;
    this.suggestions = suggestions;
  }
}

/** Run one query; resolves to `data`, rejects with an `ApiError` listing every error. */
export async function graphql(query, variables = {}) {
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError("The server cannot be reached. Check your connection and try again.", "NETWORK");
  }
  const body = await response.json().catch(() => null);
  if (body === null) throw new ApiError(`The server answered ${response.status} without a GraphQL result.`, "HTTP");
  if (body.errors?.length) {
    const first = body.errors[0];
    const error = new ApiError(first.message, first.extensions?.code, first.extensions?.suggestions ?? []);
    error.all = body.errors;
    throw error;
  }
  return body.data;
}
