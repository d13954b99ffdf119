// The official OCI TypeScript SDK's signer (npm oci-common) against the same
// local server: creates a job and reads it back, each request signed by
// oci-common. Usage: node cross_check.js BASE_URL KEY_PEM TENANCY USER FINGERPRINT BODY_FILE
// Prints the new job's OCID; exits 1 when the server refuses a request.
"use strict";
const common = require("oci-common");
const fs = require("fs");
const http = require("http");

const [base, keyPath, tenancy, user, fingerprint, bodyFile] = process.argv.slice(2);
const provider = new common.SimpleAuthenticationDetailsProvider(
  tenancy, user, fingerprint, fs.readFileSync(keyPath, "utf8"), null, common.Region.US_ASHBURN_1);
const signer = new common.DefaultRequestSigner(provider);

async function call(method, path, body) {
  const headers = new Headers();
  const request = { uri: base + path, method, headers, body };
  await signer.signHttpRequest(request);
  const plain = {};
  headers.forEach((v, k) => { plain[k] = v; });
  return new Promise((resolve, reject) => {
    const req = http.request(base + path, { method, headers: plain }, (res) => {
      let text = "";
      res.on("data", (d) => { text += d; });
      res.on("end", () => resolve([res.statusCode, text]));
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

(async () => {
  const [created, job] = await call("POST", "/20190101/jobs", fs.readFileSync(bodyFile, "utf8"));
  if (created !== 200) throw new Error("CreateJob: " + created + " " + job);
  const id = JSON.parse(job).id;
  const [got, text] = await call("GET", "/20190101/jobs/" + id);
  if (got !== 200) throw new Error("GetJob: " + got + " " + text);
  console.log(id);
})().catch((e) => { console.error(e.message); process.exit(1); });
