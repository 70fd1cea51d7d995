module.exports = { testRegex: "values\\.snapgen\\.js$" };
