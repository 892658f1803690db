// Campath (B-CLL) dosing: the state the verdict reports and the check run before a dose is
// recorded (protocol.md §9, CAM-1..CAM-9). The rules live in ./campath/.
export { campathState, premedicationText, administrationText } from './campath/state.js';
export { checkCampathDose } from './campath/dose-check.js';
export type { DoseCheck, ProposedDose } from './campath/dose-check.js';
export { CAM8_CONDITIONS } from './campath/standing.js';
export { therapyWindowEnd } from './campath/therapy-window.js';
