// Runs the graphql-http GraphQL-over-HTTP audit against a server and prints
// the results as JSON: [{id, name, status, reason?, status_code?, body?}].
// Usage: node audit.mjs http://127.0.0.1:PORT/graphql
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}

const results = await auditServer({ url });
const printable = await Promise.all(
  results.map(async (result) => {
    const out = { id: result.id, name: result.name, status: result.status };
    if (result.status !== 'ok') {
      out.reason = result.reason;
      out.statusCode = result.response.status;
      out.body = await result.response.text().catch(() => null);
    }
    return out;
  }),
);
console.log(JSON.stringify(printable));
