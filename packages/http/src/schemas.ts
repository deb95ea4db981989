import { Type } from 'typebox';

/** RFC 9457 problem details, referenced by every route's error responses. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'Stable machine code, never reused' }),
    field: Type.Optional(Type.String({ description: 'The input field at fault' })),
    instance: Type.Optional(Type.String()),
    canRetry: Type.Boolean(),
  },
  { $id: 'Problem', description: 'application/problem+json' },
);

export const ProblemRef = Type.Ref('Problem');

/** Standard error responses to spread into a route's `response` schema. */
export const problemResponses = {
  400: ProblemRef,
  404: ProblemRef,
  500: ProblemRef,
} as const;
