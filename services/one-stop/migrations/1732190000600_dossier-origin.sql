-- Up Migration
-- How a dossier came to be: handed in by its applicant (through a portal), or opened by the mesh
-- on a change notification from the fact registry (a move opens move-out and move-in
-- registrations), with the dossier opened beside it and what it still waits for (domain/dossier.ts
-- DossierOrigin).
ALTER TABLE dossiers
  ADD COLUMN origin jsonb NOT NULL
    DEFAULT '{"channel":"applicant","notificationId":null,"linkedDossierId":null,"missingFacts":[],"documentsAwaited":[]}';

-- A notification opens each of its dossiers once: a redelivery finds them and opens nothing more.
CREATE UNIQUE INDEX dossiers_opened_by_notification
  ON dossiers ((origin ->> 'notificationId'), procedure_code)
  WHERE origin ->> 'notificationId' IS NOT NULL;

-- Down Migration
DROP INDEX dossiers_opened_by_notification;
ALTER TABLE dossiers DROP COLUMN origin;
