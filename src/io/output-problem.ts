/**
 * Problems with where the output goes (--out): a folder that is a file, a parent that is not a
 * folder, a read-only folder, a full disk. They are the user's to fix by choosing another --out,
 * so they are bad input (exit 2), reported as an issue at the flag that names the file and says
 * why in words — never a raw EEXIST or a "no such file" for a folder that cannot be written.
 */
import { PathflowInputError } from "../errors.js";
import { describeFsError } from "../model/read-file.js";

/** Error codes of the file system that mean "this place cannot take the output". */
const OUTPUT_CODES = new Set(["ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM", "ENOTDIR", "EEXIST", "EISDIR", "ENOENT", "ENAMETOOLONG", "ELOOP", "EFBIG"]);

/** The code of a file-system error, if it is one. */
export function fsErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/** Why the file system refused, in words a user can act on. */
export function describeWriteError(error: unknown): string {
  switch (fsErrorCode(error)) {
    case "ENOSPC":
      return "no space left on the disk";
    case "EDQUOT":
      return "the disk quota is used up";
    case "EROFS":
      return "the file system is read-only";
    case "EACCES":
    case "EPERM":
      return "permission denied (the folder is not writable)";
    case "EEXIST":
      return "a file of that name exists where a folder is needed";
    case "EISDIR":
      return "a folder of that name exists where a file is needed";
    case "ENOENT":
      return "no such folder (it cannot be created there, or it was removed)";
    case "EFBIG":
      return "the file is larger than the file system allows";
    default:
      return describeFsError(error); // as for reading: ENOTDIR, ELOOP, ENAMETOOLONG …
  }
}

/** Whether `error` is a file-system refusal to write (as opposed to a bug). */
export function isOutputFsError(error: unknown): boolean {
  const code = fsErrorCode(error);
  return code !== undefined && OUTPUT_CODES.has(code);
}

/** One bad-input error naming the file that could not be written and why. */
export function outputProblem(file: string, error: unknown, flag = "--out"): PathflowInputError {
  return new PathflowInputError([{ code: "file", path: [flag], message: `cannot write ${file}: ${describeWriteError(error)}` }], `cannot write the output`);
}

/**
 * Runs `write` (which writes `file`), turning a file-system refusal into an outputProblem naming
 * `file`; any other error passes through.
 */
export async function writingFile<T>(file: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isOutputFsError(error)) throw outputProblem(file, error);
    throw error;
  }
}
