export { testRule, lintFixture, fixtureFormatOf, FIXTURE_FORMATS, type FixtureFormat, type ExpectedFinding, type InvalidCase, type ValidCase, type RuleTests, type CaseOptions } from './rule-tester.js';
export { repoRoot, sharedDir } from './root.js';
