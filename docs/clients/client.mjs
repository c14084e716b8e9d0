// A career path from careergraph's GraphQL API, with graphql-request: the JavaScript client example.
//
//   cd docs/clients && npm ci
//   node client.mjs http://127.0.0.1:8000 "Product Analyst" CTO
//
// Prints the path as JSON ({"hops": 4, "steps": [...]}) on stdout and exits 0;
// prints the error (with its extensions.code and, for NOT_FOUND, the
// suggestions) on stderr and exits 1. tests/test_clients.py runs it against a
// live server.

import { pathToFileURL } from "node:url";

import { ClientError, GraphQLClient, gql } from "graphql-request";

// docs/queries/career-path.graphql, plus the id of each position for refetching.
export const CAREER_PATH = gql`
  query CareerPath($from: String!, $to: String!) {
    careerPath(from: $from, to: $to) {
      hops
      steps {
        via
        entity { id name kind }
        sources { document line text }
      }
    }
  }
`;

/** The server's /graphql endpoint, given its address or the endpoint itself. */
export function endpoint(baseUrl) {
  const url = baseUrl.replace(/\/+$/, "");
  return url.endsWith("/graphql") ? url : `${url}/graphql`;
}

/**
 * The shortest career path between two positions, or null when there is none.
 *
 * graphql-request POSTs {query, variables, operationName} as JSON and asks for
 * application/graphql-response+json; any GraphQL error (also one that comes
 * with a 4xx status) rejects with a ClientError whose response.errors hold it.
 */
export async function careerPath(baseUrl, from, to) {
  const client = new GraphQLClient(endpoint(baseUrl));
  const data = await client.request(CAREER_PATH, { from, to });
  return data.careerPath;
}

/** What to tell a person about a failed request: the API's errors, or the transport's. */
export function describeError(error) {
  if (error instanceof ClientError && error.response.errors?.length) {
    return error.response.errors.map((e) => ({
      message: e.message,
      code: e.extensions?.code ?? null,
      suggestions: e.extensions?.suggestions ?? [],
    }));
  }
  if (error instanceof ClientError) {
    return [{ message: `HTTP ${error.response.status}`, code: null, suggestions: [] }];
  }
  return [{ message: error.cause?.message ?? error.message, code: null, suggestions: [] }];
}

async function main([baseUrl = "http://127.0.0.1:8000", from = "Product Analyst", to = "CTO"]) {
  let path;
  try {
    path = await careerPath(baseUrl, from, to);
  } catch (error) {
    console.error(JSON.stringify({ errors: describeError(error) }, null, 2));
    return 1;
  }
  if (path === null) {
    console.error(JSON.stringify({ errors: [{ message: `no career path from ${from} to ${to}`, code: null, suggestions: [] }] }));
    return 1;
  }
  console.log(JSON.stringify(path, null, 2));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
