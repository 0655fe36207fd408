-- A console ticket carries what minting learned of the guest's display (sealed with the ticket), so the relay need not read it again.
ALTER TABLE "ConsoleTicket" ADD COLUMN "display" TEXT;
