// SPEC L6 "the same Argon2 work": the app's real password verifier (Deps.passwords), counting every verification it makes.
import { argon2Verifier, type PasswordVerifier } from '../../src/auth/password.js';

export function countingVerifier(): { verifier: PasswordVerifier; verifications: () => number } {
  let made = 0;
  const verifier: PasswordVerifier = {
    verify: (storedHash, password) => (made++, argon2Verifier.verify(storedHash, password)),
    verifyDummy: (password) => (made++, argon2Verifier.verifyDummy(password)),
  };
  return { verifier, verifications: () => made };
}
