// Compiles a JSON Schema with Ajv (draft 2020-12, strict mode as is its default, ajv-formats
// added as people use it) and prints, for each document read from standard input (a JSON
// list), whether Ajv finds it valid.  Usage: node ajv_verdicts.mjs SCHEMA.json < DOCS.json
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const schema = JSON.parse(readFileSync(process.argv[2], "utf8"));
const documents = JSON.parse(readFileSync(0, "utf8"));
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema); // throws (exit 1) on anything strict mode refuses
const verdicts = documents.map((document) => ({
  valid: validate(document),
  errors: (validate.errors || []).map((e) => `${e.instancePath} ${e.message}`),
}));
process.stdout.write(JSON.stringify(verdicts));
