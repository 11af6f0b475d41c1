ALTER TABLE "users" ADD COLUMN "timezone" text NOT NULL;
