#!/usr/bin/env bun
// The executable entry: runs the CLI with the process's arguments and sets the exit code (the only place that does).
import { main } from "./main.ts";

process.exitCode = await main(process.argv.slice(2));
