ALTER TYPE "public"."plan" ADD VALUE 'enterprise';--> statement-breakpoint
ALTER TABLE "users" RENAME COLUMN "name" TO "full_name";
