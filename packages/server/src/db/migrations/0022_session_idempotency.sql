-- Idempotency-Key of the session API (POST /api/entries, /api/submissions): a browser's retry after a lost
-- answer gets the first answer back and writes nothing. Keyed per user, like api_idempotency per token.
CREATE TABLE "session_idempotency" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_sm3" "bytea" NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "session_idempotency_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
ALTER TABLE "session_idempotency" ADD CONSTRAINT "session_idempotency_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;
