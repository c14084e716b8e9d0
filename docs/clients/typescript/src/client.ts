// A typed careergraph client with Apollo Client: every operation of docs/queries/ has generated
// types (src/generated/graphql.ts), and the cache knows which types implement the Entity, Node
// and Position interfaces (src/generated/possible-types.ts), so fragments on them match.
//
//   npm ci
//   npm run codegen     # after schema.graphql or docs/queries/*.graphql change
//   npm run typecheck   # tsc --strict: a query that no longer fits the schema fails here

import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache } from "@apollo/client";

import {
  CareerPathDocument,
  type CareerPathQuery,
  type EntityWhere,
  FilteredEntitiesDocument,
  type FilteredEntitiesQuery,
  SearchPageDocument,
  type SearchPageQuery,
} from "./generated/graphql.js";
import introspection from "./generated/possible-types.js";

/** A client for the server at `baseUrl` (its address, or its /graphql endpoint). */
export function createClient(baseUrl: string): ApolloClient {
  const url = baseUrl.replace(/\/+$/, "");
  return new ApolloClient({
    link: new HttpLink({ uri: url.endsWith("/graphql") ? url : `${url}/graphql` }),
    cache: new InMemoryCache({ possibleTypes: introspection.possibleTypes }),
  });
}

/** A GraphQL error as the API words it: `code` and `suggestions` come from `extensions`. */
export interface ApiError {
  message: string;
  code: string | undefined;
  suggestions: string[];
}

/** The API's errors in a failed request, or none when it failed for another reason (the network). */
export function apiErrors(error: unknown): ApiError[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  return error.errors.map((each) => ({
    message: each.message,
    code: typeof each.extensions?.["code"] === "string" ? each.extensions["code"] : undefined,
    suggestions: Array.isArray(each.extensions?.["suggestions"]) ? each.extensions["suggestions"].map(String) : [],
  }));
}

export type CareerPath = NonNullable<CareerPathQuery["careerPath"]>;

/** The shortest career path between two positions, or null when there is none. */
export async function careerPath(client: ApolloClient, from: string, to: string): Promise<CareerPath | null> {
  const { data } = await client.query({ query: CareerPathDocument, variables: { from, to } });
  return data?.careerPath ?? null;
}

export type FilteredEntity = FilteredEntitiesQuery["entities"]["nodes"][number];

/** Every career position that works with `team`: a filter on a relation, typed as the schema says. */
export function workingWith(team: string): EntityWhere {
  return {
    kindIn: ["ROLE", "LEVEL", "SPECIALIZATION"],
    related: { type: "COLLABORATES_WITH", direction: "OUTGOING", to: team },
  };
}

/** Every entity `where` holds for, most connected first, following the cursors page by page. */
export async function allEntities(client: ApolloClient, where: EntityWhere, maxPages = 50): Promise<FilteredEntity[]> {
  const found: FilteredEntity[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    const result: { data?: FilteredEntitiesQuery | undefined } = await client.query({
      query: FilteredEntitiesDocument,
      variables: { where, orderBy: [{ field: "DEGREE", direction: "DESC" }, { field: "NAME" }], after },
    });
    const entities = result.data?.entities;
    if (!entities) break;
    found.push(...entities.nodes);
    if (!entities.pageInfo.hasNextPage) break;
    after = entities.pageInfo.endCursor;
  }
  return found;
}

export type SearchHit = SearchPageQuery["search"][number];

/** Search results page by page: each page continues after the cursor of the last hit. */
export async function* searchPages(client: ApolloClient, text: string, maxPages = 20): AsyncGenerator<SearchHit[]> {
  let after: string | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    const result: { data?: SearchPageQuery | undefined } = await client.query({
      query: SearchPageDocument,
      variables: { text, after },
    });
    const hits = result.data?.search ?? [];
    if (hits.length === 0) return;
    yield hits;
    after = hits[hits.length - 1]?.cursor ?? null;
  }
}
