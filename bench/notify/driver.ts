/**
 * Child process of `pnpm bench notify`: waits for a drive's options over IPC, runs the drive
 * (drive-changes.ts) and sends back what it measured.
 */
import { CommonErrors, MotlanError } from '@motlan/errors';
import { failChild, sendToParent, type ChildMessage } from '../lib/child-process.ts';
import {
  driveChanges,
  type ChangeDriveResultMessage,
  type ChangeDriveStartMessage,
} from './drive-changes.ts';

process.once('message', (message: ChildMessage) => {
  if (message.type !== 'start') {
    failChild(new MotlanError(CommonErrors.validation, `expected a "start" message, got "${message.type}"`));
    return;
  }
  driveChanges((message as ChangeDriveStartMessage).options)
    .then(async (result) => {
      const reply: ChangeDriveResultMessage = { type: 'result', result };
      await sendToParent(reply);
      process.disconnect();
    })
    .catch(failChild);
});
