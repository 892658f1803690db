// A worker thread of `vigil synth` (synth.ts): draws patients and evaluates them, which is most of
// synth's CPU time, while the main thread writes earlier batches to the database.
import { parentPort } from 'node:worker_threads';
import { evaluateWithSchedule } from '../protocol/evaluate.js';
import { storedSchedule } from '../protocol/schedule.js';
import type { IsoDate } from '../protocol/timeline.js';
import { synthesizePatient, timelineOf, type SynthWorld } from './synth-patient.js';

export interface SynthJob {
  seed: number;
  asOf: IsoDate;
  world: SynthWorld;
  first: number;
  count: number;
}

parentPort?.on('message', (job: SynthJob) => {
  const out = [];
  for (let index = job.first; index < job.first + job.count; index++) {
    const patient = synthesizePatient(job.seed, index, job.asOf, job.world);
    // The verdict and the rows recompute would store (storedSchedule), from one evaluation.
    const { verdict, schedule } = evaluateWithSchedule(timelineOf(patient, job.asOf));
    out.push({ patient, verdict, occurrences: storedSchedule(schedule, job.asOf) });
  }
  parentPort?.postMessage(out);
});
