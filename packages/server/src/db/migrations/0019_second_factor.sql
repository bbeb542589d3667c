-- Second factor (AUTH-05): a TOTP secret per user (SM4-encrypted; a pending one while enrolling), the last
-- time step used (a code is never accepted twice), one-time recovery codes (SM3-hashed) and the session's
-- state: 'verify' (password OK, code still due) or 'enroll' (the role requires a factor the user has not set up).
CREATE TABLE "user_mfa" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"secret_enc" bytea,
	"pending_secret_enc" bytea,
	"last_step" bigint,
	"enrolled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "user_mfa" ADD CONSTRAINT "user_mfa_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE TABLE "user_recovery_code" (
	"user_id" uuid NOT NULL,
	"code_hash" bytea NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "user_recovery_code_user_id_code_hash_pk" PRIMARY KEY("user_id","code_hash")
);
--> statement-breakpoint
ALTER TABLE "user_recovery_code" ADD CONSTRAINT "user_recovery_code_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "session" ADD COLUMN "mfa_state" text;
--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_mfa_state_known" CHECK ("session"."mfa_state" in ('verify','enroll'));
