import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

/** The machine a benchmark ran on, for the results header. */
export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  ramGiB: number;
  node: string;
  kernel: string;
}

/** Cores, CPU model, RAM, Node and kernel version of this machine. */
export function machineInfo(): MachineInfo {
  let kernel = 'unknown';
  try {
    kernel = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
  } catch {
    // not Linux: leave unknown
  }
  return {
    nproc: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kernel,
  };
}

/** One Markdown line describing the machine. */
export function machineLine(m: MachineInfo = machineInfo()): string {
  return `${m.nproc} cores (nproc), ${m.cpuModel}, ${m.ramGiB} GiB RAM, Node ${m.node}, Linux ${m.kernel}`;
}

/** The 1-minute load average, to note other work on the machine during a run. */
export function loadAverage(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' / ');
}
