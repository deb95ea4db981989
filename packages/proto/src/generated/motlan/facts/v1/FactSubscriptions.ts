// Original file: protos/motlan/facts/v1/subscriptions.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateSubscriptionRequest as _motlan_facts_v1_CreateSubscriptionRequest, CreateSubscriptionRequest__Output as _motlan_facts_v1_CreateSubscriptionRequest__Output } from '../../../motlan/facts/v1/CreateSubscriptionRequest.ts';
import type { DeleteSubscriptionRequest as _motlan_facts_v1_DeleteSubscriptionRequest, DeleteSubscriptionRequest__Output as _motlan_facts_v1_DeleteSubscriptionRequest__Output } from '../../../motlan/facts/v1/DeleteSubscriptionRequest.ts';
import type { DeleteSubscriptionResponse as _motlan_facts_v1_DeleteSubscriptionResponse, DeleteSubscriptionResponse__Output as _motlan_facts_v1_DeleteSubscriptionResponse__Output } from '../../../motlan/facts/v1/DeleteSubscriptionResponse.ts';
import type { ListSubscriptionsRequest as _motlan_facts_v1_ListSubscriptionsRequest, ListSubscriptionsRequest__Output as _motlan_facts_v1_ListSubscriptionsRequest__Output } from '../../../motlan/facts/v1/ListSubscriptionsRequest.ts';
import type { ListSubscriptionsResponse as _motlan_facts_v1_ListSubscriptionsResponse, ListSubscriptionsResponse__Output as _motlan_facts_v1_ListSubscriptionsResponse__Output } from '../../../motlan/facts/v1/ListSubscriptionsResponse.ts';
import type { Notification as _motlan_facts_v1_Notification, Notification__Output as _motlan_facts_v1_Notification__Output } from '../../../motlan/facts/v1/Notification.ts';
import type { StreamNotificationsRequest as _motlan_facts_v1_StreamNotificationsRequest, StreamNotificationsRequest__Output as _motlan_facts_v1_StreamNotificationsRequest__Output } from '../../../motlan/facts/v1/StreamNotificationsRequest.ts';
import type { Subscription as _motlan_facts_v1_Subscription, Subscription__Output as _motlan_facts_v1_Subscription__Output } from '../../../motlan/facts/v1/Subscription.ts';

export interface FactSubscriptionsClient extends grpc.Client {
  CreateSubscription(argument: _motlan_facts_v1_CreateSubscriptionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_Subscription__Output>): grpc.ClientUnaryCall;
  CreateSubscription(argument: _motlan_facts_v1_CreateSubscriptionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_facts_v1_Subscription__Output>): grpc.ClientUnaryCall;
  CreateSubscription(argument: _motlan_facts_v1_CreateSubscriptionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_Subscription__Output>): grpc.ClientUnaryCall;
  CreateSubscription(argument: _motlan_facts_v1_CreateSubscriptionRequest, callback: grpc.requestCallback<_motlan_facts_v1_Subscription__Output>): grpc.ClientUnaryCall;
  createSubscription(argument: _motlan_facts_v1_CreateSubscriptionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_Subscription__Output>): grpc.ClientUnaryCall;
  createSubscription(argument: _motlan_facts_v1_CreateSubscriptionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_facts_v1_Subscription__Output>): grpc.ClientUnaryCall;
  createSubscription(argument: _motlan_facts_v1_CreateSubscriptionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_Subscription__Output>): grpc.ClientUnaryCall;
  createSubscription(argument: _motlan_facts_v1_CreateSubscriptionRequest, callback: grpc.requestCallback<_motlan_facts_v1_Subscription__Output>): grpc.ClientUnaryCall;
  
  DeleteSubscription(argument: _motlan_facts_v1_DeleteSubscriptionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_DeleteSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  DeleteSubscription(argument: _motlan_facts_v1_DeleteSubscriptionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_facts_v1_DeleteSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  DeleteSubscription(argument: _motlan_facts_v1_DeleteSubscriptionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_DeleteSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  DeleteSubscription(argument: _motlan_facts_v1_DeleteSubscriptionRequest, callback: grpc.requestCallback<_motlan_facts_v1_DeleteSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  deleteSubscription(argument: _motlan_facts_v1_DeleteSubscriptionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_DeleteSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  deleteSubscription(argument: _motlan_facts_v1_DeleteSubscriptionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_facts_v1_DeleteSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  deleteSubscription(argument: _motlan_facts_v1_DeleteSubscriptionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_DeleteSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  deleteSubscription(argument: _motlan_facts_v1_DeleteSubscriptionRequest, callback: grpc.requestCallback<_motlan_facts_v1_DeleteSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  
  ListSubscriptions(argument: _motlan_facts_v1_ListSubscriptionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_ListSubscriptionsResponse__Output>): grpc.ClientUnaryCall;
  ListSubscriptions(argument: _motlan_facts_v1_ListSubscriptionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_facts_v1_ListSubscriptionsResponse__Output>): grpc.ClientUnaryCall;
  ListSubscriptions(argument: _motlan_facts_v1_ListSubscriptionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_ListSubscriptionsResponse__Output>): grpc.ClientUnaryCall;
  ListSubscriptions(argument: _motlan_facts_v1_ListSubscriptionsRequest, callback: grpc.requestCallback<_motlan_facts_v1_ListSubscriptionsResponse__Output>): grpc.ClientUnaryCall;
  listSubscriptions(argument: _motlan_facts_v1_ListSubscriptionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_ListSubscriptionsResponse__Output>): grpc.ClientUnaryCall;
  listSubscriptions(argument: _motlan_facts_v1_ListSubscriptionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_facts_v1_ListSubscriptionsResponse__Output>): grpc.ClientUnaryCall;
  listSubscriptions(argument: _motlan_facts_v1_ListSubscriptionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_ListSubscriptionsResponse__Output>): grpc.ClientUnaryCall;
  listSubscriptions(argument: _motlan_facts_v1_ListSubscriptionsRequest, callback: grpc.requestCallback<_motlan_facts_v1_ListSubscriptionsResponse__Output>): grpc.ClientUnaryCall;
  
  StreamNotifications(argument: _motlan_facts_v1_StreamNotificationsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_motlan_facts_v1_Notification__Output>;
  StreamNotifications(argument: _motlan_facts_v1_StreamNotificationsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_motlan_facts_v1_Notification__Output>;
  streamNotifications(argument: _motlan_facts_v1_StreamNotificationsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_motlan_facts_v1_Notification__Output>;
  streamNotifications(argument: _motlan_facts_v1_StreamNotificationsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_motlan_facts_v1_Notification__Output>;
  
}

export interface FactSubscriptionsHandlers extends grpc.UntypedServiceImplementation {
  CreateSubscription: grpc.handleUnaryCall<_motlan_facts_v1_CreateSubscriptionRequest__Output, _motlan_facts_v1_Subscription>;
  
  DeleteSubscription: grpc.handleUnaryCall<_motlan_facts_v1_DeleteSubscriptionRequest__Output, _motlan_facts_v1_DeleteSubscriptionResponse>;
  
  ListSubscriptions: grpc.handleUnaryCall<_motlan_facts_v1_ListSubscriptionsRequest__Output, _motlan_facts_v1_ListSubscriptionsResponse>;
  
  StreamNotifications: grpc.handleServerStreamingCall<_motlan_facts_v1_StreamNotificationsRequest__Output, _motlan_facts_v1_Notification>;
  
}

export interface FactSubscriptionsDefinition extends grpc.ServiceDefinition {
  CreateSubscription: MethodDefinition<_motlan_facts_v1_CreateSubscriptionRequest, _motlan_facts_v1_Subscription, _motlan_facts_v1_CreateSubscriptionRequest__Output, _motlan_facts_v1_Subscription__Output>
  DeleteSubscription: MethodDefinition<_motlan_facts_v1_DeleteSubscriptionRequest, _motlan_facts_v1_DeleteSubscriptionResponse, _motlan_facts_v1_DeleteSubscriptionRequest__Output, _motlan_facts_v1_DeleteSubscriptionResponse__Output>
  ListSubscriptions: MethodDefinition<_motlan_facts_v1_ListSubscriptionsRequest, _motlan_facts_v1_ListSubscriptionsResponse, _motlan_facts_v1_ListSubscriptionsRequest__Output, _motlan_facts_v1_ListSubscriptionsResponse__Output>
  StreamNotifications: MethodDefinition<_motlan_facts_v1_StreamNotificationsRequest, _motlan_facts_v1_Notification, _motlan_facts_v1_StreamNotificationsRequest__Output, _motlan_facts_v1_Notification__Output>
}
