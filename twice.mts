import { main } from "./src/cli/main.ts";
process.env.SOURCE_DATE_EPOCH = "1618272000";
for (const o of ["/tmp/in1", "/tmp/in2"]) await main(["build", "content", "--out", o, "--no-cache", "--edition", "issue", "--bleed", "3mm", "--marks", "crop"]);
