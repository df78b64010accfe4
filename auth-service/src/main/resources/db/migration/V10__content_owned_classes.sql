-- Classes and maps come from the content folder (classes.json, maps/), upserted by id at every start
-- (ContentSync). Class names stay unique, but only at commit: renaming two classes into each other's
-- names is one transaction that passes through a moment where both have the same name.
ALTER TABLE character_classes DROP CONSTRAINT character_classes_name_key;
ALTER TABLE character_classes ADD CONSTRAINT character_classes_name_key UNIQUE (name) DEFERRABLE INITIALLY DEFERRED;
