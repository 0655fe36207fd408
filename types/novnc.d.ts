// @novnc/novnc ships no types; the console component describes the part it uses (components/console/rfb.ts).
declare module "@novnc/novnc";
