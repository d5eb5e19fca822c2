// The conditions of an S3 upload policy, checked against the form's fields the way S3 checks
// them (policy.ts verifies the rest of the form):
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
import { isRecord } from '../src/domain/record.ts'
import { invalidPolicy, policyFailed, type S3Error } from './s3Error.ts'

function conditionText(parts: readonly (string | number)[]): string {
  return `[${parts.map((part) => JSON.stringify(part)).join(', ')}]`
}

/** What the policy's conditions cover: the field names they name and the allowed sizes. */
export interface Covered {
  names: Set<string>
  minBytes: number
  maxBytes: number
}

/** A form field's value by lower-case name; `bucket` is the target's, not a field. */
export type Lookup = (lower: string) => string | undefined

/** `{ "name": "value" }`: the field must equal the value. */
function checkExactCondition(
  condition: Record<string, unknown>,
  actual: Lookup,
  covered: Covered,
): S3Error | undefined {
  const entries = Object.entries(condition)
  const [entry] = entries
  if (entries.length !== 1 || !entry || typeof entry[1] !== 'string') {
    return invalidPolicy(`Invalid Simple-Condition: ${JSON.stringify(condition)}`)
  }
  const [name, expected] = entry
  const lower = name.toLowerCase()
  covered.names.add(lower)
  if (actual(lower) !== expected)
    return policyFailed(`Policy Condition failed: ${conditionText(['eq', `$${name}`, expected])}`)
  return undefined
}

/** `["eq" | "starts-with", "$name", "value"]` or `["content-length-range", min, max]`. */
function checkListCondition(
  condition: unknown,
  actual: Lookup,
  covered: Covered,
): S3Error | undefined {
  if (!Array.isArray(condition) || condition.length !== 3) {
    return invalidPolicy(`Invalid Condition: ${JSON.stringify(condition)}`)
  }
  const [op, first, second]: unknown[] = condition
  const operator = typeof op === 'string' ? op.toLowerCase() : ''
  if (operator === 'content-length-range') {
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second)) {
      return invalidPolicy(`Invalid content-length-range: ${JSON.stringify(condition)}`)
    }
    covered.minBytes = Number(first)
    covered.maxBytes = Number(second)
    return undefined
  }
  if (
    (operator !== 'eq' && operator !== 'starts-with') ||
    typeof first !== 'string' ||
    !first.startsWith('$')
  ) {
    return invalidPolicy(`Invalid Condition: ${JSON.stringify(condition)}`)
  }
  if (typeof second !== 'string')
    return invalidPolicy(`Invalid Condition: ${JSON.stringify(condition)}`)
  const lower = first.slice(1).toLowerCase()
  covered.names.add(lower)
  const value = actual(lower)
  const holds =
    operator === 'eq' ? value === second : value !== undefined && value.startsWith(second)
  if (!holds)
    return policyFailed(`Policy Condition failed: ${conditionText([operator, first, second])}`)
  return undefined
}

/** Every condition of the policy, in order; the first that fails is the answer. */
export function checkConditions(conditions: unknown, actual: Lookup): Covered | S3Error {
  if (!Array.isArray(conditions)) return invalidPolicy('Policy missing conditions.')
  const covered: Covered = { names: new Set(), minBytes: 0, maxBytes: 5 * 1024 ** 3 }
  const list: unknown[] = conditions
  for (const condition of list) {
    const refused = isRecord(condition)
      ? checkExactCondition(condition, actual, covered)
      : checkListCondition(condition, actual, covered)
    if (refused) return refused
  }
  return covered
}
