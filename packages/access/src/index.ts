export * from './errors.ts';
export * from './mtls.ts';
export * from './policy.ts';
export * from './audit-trail.ts';
export * from './audit-relay.ts';
export * from './audit-anchors.ts';
export * from './audit-verify.ts';
export * from './disclosure-guard.ts';
