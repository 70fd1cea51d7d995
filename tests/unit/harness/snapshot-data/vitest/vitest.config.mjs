export default { test: { include: ["values.snapgen.js"], cache: false } };
