// How a bell slot's time is written, on every page that shows one (the timetable pages, the
// lesson page, the diary, the journal's deadlines): minutes from midnight on the school's clock,
// as bell_slots store them, become «08:30» and «08:30–09:15».

/** 510 → «08:30». */
export function clockTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** A bell slot's time: «08:30–09:15». */
export function slotTime(bell: { startMinute: number; endMinute: number }): string {
  return `${clockTime(bell.startMinute)}–${clockTime(bell.endMinute)}`;
}

/** A slot as the timetable pages list it: its number, its start for a narrow column, its time. */
export type SlotTime = { slot: number; start: string; time: string };

export function slotTimeOf(bell: { slot: number; startMinute: number; endMinute: number }): SlotTime {
  return { slot: bell.slot, start: clockTime(bell.startMinute), time: slotTime(bell) };
}
